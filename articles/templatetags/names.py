"""`{% load names %}`: `{{ user|display_name }}` names a user as everywhere else (`newsroom.names`)."""

from django import template

from newsroom.names import display_name

register = template.Library()

register.filter("display_name", display_name)
