from articles import rights


def desk(request):
    """Whether the signed-in user works the fact-check desk: staff pages link it only for them."""
    return {"works_desk": rights.works_desk(getattr(request, "user", None))}
