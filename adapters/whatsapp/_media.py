"""Media placeholders in chat exports ("<Media omitted>", "image omitted", "<attached: ...>")."""

from __future__ import annotations

import re

from civility.events import AttachmentKind

_K = AttachmentKind
#: Exact placeholders, lower-cased (English, German, Spanish, Finnish; Android and iOS).
_PLACEHOLDERS: dict[str, AttachmentKind] = {
    "<media omitted>": _K.OTHER, "<medien ausgeschlossen>": _K.OTHER,
    "<multimedia omitido>": _K.OTHER, "<media jätetty pois>": _K.OTHER,
    "<mediatiedosto jätetty pois>": _K.OTHER,
    "image omitted": _K.IMAGE, "video omitted": _K.VIDEO, "audio omitted": _K.AUDIO,
    "sticker omitted": _K.STICKER, "gif omitted": _K.VIDEO, "document omitted": _K.DOCUMENT,
    "bild weggelassen": _K.IMAGE, "video weggelassen": _K.VIDEO, "audio weggelassen": _K.AUDIO,
    "sticker weggelassen": _K.STICKER, "gif weggelassen": _K.VIDEO,
    "imagen omitida": _K.IMAGE, "video omitido": _K.VIDEO, "audio omitido": _K.AUDIO,
    "sticker omitido": _K.STICKER, "gif omitido": _K.VIDEO,
    "kuva jätetty pois": _K.IMAGE, "video jätetty pois": _K.VIDEO,
    "ääni jätetty pois": _K.AUDIO, "tarra jätetty pois": _K.STICKER,
}
_ATTACHED = re.compile(r"^<(?:attached|angehängt|adjunto|liite): (?P<file>[^>]+)>$", re.I)
_FILE_ATTACHED = re.compile(
    r"^(?P<file>\S.*\.\w{2,5}) \((?:file attached|Datei angehängt|archivo adjunto|"
    r"tiedosto liitetty)\)$", re.I)
_BY_EXTENSION = {
    "jpg": _K.IMAGE, "jpeg": _K.IMAGE, "png": _K.IMAGE, "webp": _K.STICKER, "gif": _K.VIDEO,
    "mp4": _K.VIDEO, "mov": _K.VIDEO, "3gp": _K.VIDEO, "opus": _K.AUDIO, "ogg": _K.AUDIO,
    "m4a": _K.AUDIO, "mp3": _K.AUDIO, "aac": _K.AUDIO, "pdf": _K.DOCUMENT, "doc": _K.DOCUMENT,
    "docx": _K.DOCUMENT, "xls": _K.DOCUMENT, "xlsx": _K.DOCUMENT, "vcf": _K.DOCUMENT,
}


def media_kind(line: str) -> AttachmentKind | None:
    """The attachment kind when a line is a media placeholder, else None."""
    if len(line) > 200 or not line:
        return None
    kind = _PLACEHOLDERS.get(line.lower())
    if kind is not None or not (line[0] == "<" or line[-1] == ")"):
        return kind
    found = _ATTACHED.match(line) or _FILE_ATTACHED.match(line)
    if found is None:
        return None
    extension = found.group("file").rsplit(".", 1)[-1].lower()
    return _BY_EXTENSION.get(extension, _K.DOCUMENT)
