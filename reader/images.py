"""Lead images in responsive sizes: a few narrower copies of the upload, made once, on first use.

The first page view that needs a width writes it next to the upload (`<dir>/renditions/<name>-<width>w
.<ext>`) through the default storage, so it works on a local disk or storage shared by app servers. The
page gets `srcset`, `sizes`, and `width`/`height` so the browser reserves the space (no layout shift).
An image with more pixels than IMAGE_MAX_PIXELS (`articles.image_limits`) is never decoded: readers get
no image rather than an error, and no browser is sent a decompression bomb.
"""

import io
import posixpath
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

from articles import image_limits, richtext

WIDTHS = (480, 800, 1200, 1600)
# The article column is at most 42rem (672 px at 16 px); below that the image spans the viewport.
SIZES = "(min-width: 46rem) 42rem, 100vw"
_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "PNG"}
# What reading or resizing an upload can raise: missing, unreadable, or too many pixels for Pillow.
_UNUSABLE = (
    OSError,
    UnidentifiedImageError,
    ValueError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,  # when warnings are errors
)


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ResponsiveImage:
    renditions: list[Rendition]
    sizes: str = SIZES

    @property
    def default(self) -> Rendition:
        """What `src` points at: the largest copy up to 1200 px, for browsers without srcset."""
        fitting = [r for r in self.renditions if r.width <= 1200]
        return fitting[-1] if fitting else self.renditions[0]

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.renditions)


def rendition_name(name: str, width: int) -> str:
    folder, filename = posixpath.split(name)
    stem, ext = posixpath.splitext(filename)
    ext = ext.lower() if ext.lower() in _FORMATS and ext.lower() != ".gif" else ".png"
    return posixpath.join(folder, "renditions", f"{stem}-{width}w{ext}")


def _make(field, name: str, width: int, height: int) -> str:
    with field.storage.open(field.name, "rb") as original, Image.open(original) as image:
        image = ImageOps.exif_transpose(image)
        fmt = _FORMATS[posixpath.splitext(name)[1]]
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, fmt, quality=82, optimize=True)
    return field.storage.save(name, ContentFile(buffer.getvalue()))


def responsive(field) -> ResponsiveImage | None:
    """The image in `field` (an ImageFieldFile) at the widths in WIDTHS narrower than the upload."""
    if not field:
        return None
    storage = getattr(field, "storage", default_storage)
    try:
        full_width, full_height = field.width, field.height
    except _UNUSABLE:
        return None  # missing or unreadable upload: show no image rather than a broken one
    if not full_width or not full_height or image_limits.too_large(full_width, full_height):
        return None
    renditions = []
    for width in WIDTHS:
        if width >= full_width:
            break
        height = max(1, round(full_height * width / full_width))
        name = rendition_name(field.name, width)
        if not storage.exists(name):
            try:
                name = _make(field, name, width, height)
            except _UNUSABLE:
                break
        renditions.append(Rendition(storage.url(name), width, height))
    renditions.append(Rendition(field.url, full_width, full_height))
    return ResponsiveImage(renditions)


def picture(image) -> richtext.Picture | None:
    """A library image (`articles.models.Image`) as a body figure shows it, or None when it cannot be
    shown (gone from the library, missing or too large a file)."""
    copies = responsive(image.file) if image is not None else None
    if copies is None:
        return None
    shown, words = copies.default, (image.alt, image.caption, image.credit)
    return richtext.Picture(shown.url, copies.srcset, copies.sizes, shown.width, shown.height, *words)
