"""How large a lead image may be, counted in pixels rather than bytes.

A PNG of a few hundred kilobytes can declare 13,000 × 13,000 pixels and take gigabytes to decode. An
image's header says its size without decoding anything, so an upload is refused on its header
(`LeadImageField`) and a stored image that is too large (uploaded before the limit was lowered) is
never resized for readers (`reader.images`). Pillow's own decompression-bomb limit is set from the
same setting when the app starts (`apply_to_pillow`), so nothing else decodes such an image either.
"""

from django import forms
from django.conf import settings
from PIL import Image


def apply_to_pillow() -> None:
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


def too_large(width: int, height: int) -> bool:
    return width * height > settings.IMAGE_MAX_PIXELS


def _refusal(size: tuple[int, int] | None) -> forms.ValidationError:
    return forms.ValidationError(
        "This image is too large to use: %(size)sat most %(limit)s pixels (width × height) are "
        "accepted. Save a smaller copy (a lead image needs no more than 3,000 pixels across) and upload "
        "that.",
        code="image_too_large",
        params={
            "size": f"it is {size[0]:,} × {size[1]:,} pixels, and " if size else "",
            "limit": f"{settings.IMAGE_MAX_PIXELS:,}",
        },
    )


class LeadImageField(forms.ImageField):
    """An image field that refuses too many pixels by the header, with its own message.

    Django's ImageField opens the upload with Pillow, whose decompression-bomb check would reject a
    huge image as "not a valid image"; that error is told apart here, and a smaller excess (which
    Pillow only warns about) is caught on the size the header gave.
    """

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except forms.ValidationError as error:
            if isinstance(error.__cause__, Image.DecompressionBombError | Image.DecompressionBombWarning):
                raise _refusal(None) from error
            raise
        image = getattr(upload, "image", None)
        if image is not None and too_large(*image.size):
            raise _refusal(image.size)
        return upload
