"""WeChat Pay v2 speaks XML. Parse it only after refusing DTDs and entities.

A ``<!DOCTYPE>`` or ``<!ENTITY>`` has no business in a WeChat message and is how
entity-expansion ("billion laughs") and external-entity attacks arrive; expat (under
xmltodict, which wechatpy uses) would expand internal entities. So the raw bytes
are checked first, then parsed with defusedxml, which refuses them again.
"""

from __future__ import annotations

import re

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from wechatpy.pay.utils import dict_to_xml

_FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXML(ValueError):
    """The body declares a DTD or entities."""


class MalformedXML(ValueError):
    """The body is not a flat ``<xml>`` document."""


def parse_flat_xml(body: bytes) -> dict[str, str]:
    """``<xml><a>1</a>...</xml>`` → ``{"a": "1"}``; raises ``UnsafeXML`` or ``MalformedXML``."""
    if _FORBIDDEN.search(body):
        raise UnsafeXML("DTDs and entities are refused")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedXML("not UTF-8") from None
    try:
        root = SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise UnsafeXML("DTDs and entities are refused") from None
    except SafeET.ParseError:
        raise MalformedXML("not well-formed XML") from None
    except (ValueError, LookupError):  # an encoding declared that expat cannot read (GBK) or that does not exist
        raise MalformedXML("unsupported encoding") from None
    if root.tag != "xml":
        raise MalformedXML("the root element is not <xml>")
    fields = {}
    for child in root:
        if len(child):
            raise MalformedXML(f"<{child.tag}> is not a flat field")
        fields[child.tag] = child.text or ""
    return fields


def to_xml(fields: dict, sign: str | None = None) -> str:
    return dict_to_xml({k: v for k, v in fields.items() if v is not None and k != "sign"}, sign)


def reply(code: str = "SUCCESS", message: str = "OK") -> str:
    """WeChat's acknowledgement body for notifications."""
    return f"<xml><return_code><![CDATA[{code}]]></return_code><return_msg><![CDATA[{message}]]></return_msg></xml>"
