"""edXML packets (QCVN 102:2016/BTTTT): building what this instance sends, reading what it receives.

- :func:`build_document_packet` maps an issued document to its packet: the header (From/To with their OrganId,
  DocumentId "OrganId,yyyy/mm/dd,number-symbol", Code, PromulgationInfo, DocumentType, Subject, SignerInfo, DueDate,
  OtherInfo, SteeringType, ToPlaces from the printed Nơi nhận, TraceHeaderList with its Bussiness), the signed
  issued PDF as the main attachment (edXMLManifest + AttachmentEncoded), then the enveloped XML signature.
- :func:`build_status_packet` answers a document: received, refused, registered, assigned, in progress, done, and
  the recall's steps.
- :func:`parse_packet` reads a packet: size first, then safe XML parsing (no entities, no DTD, no network, no huge
  trees), the project's XSD (schema/edxml.xsd), the XML signature against the trusted certificates; each refusal is
  a subclass of ExchangeRefused with its reason in Vietnamese. Only the signed content is read.

The signature is enveloped and covers the whole packet (Reference URI=""): it sits in edXMLHeader (where the
samples carry it) and signs the header, the manifest and the attachments, so one changed byte anywhere is refused.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from django.utils import timezone
from lxml import etree
from signxml import InvalidInput, InvalidSignature, SignatureConfiguration, XMLSigner, XMLVerifier, methods
from signxml.exceptions import InvalidCertificate, InvalidDigest

from directives.exchange import conf, keys
from directives.exchange.errors import (
    ExchangeRefused,
    PacketMalformed,
    PacketSchemaInvalid,
    PacketSignatureInvalid,
    PacketTooLarge,
    PacketUnsupported,
)
from directives.models import DocType, Document
from portal.org.identifiers import organ_id_for, unit_for_organ_id
from portal.org.models import Unit

NS = conf.NAMESPACE
DS = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "edxml.xsd"

#: What an inbound packet may carry: the signed PDF, a Word file, or Word files zipped (the public samples).
KEPT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ZIP_TYPES = {".zip": "application/zip"}

#: libxml2 reads no text node longer than 10,000,000 characters without XML_PARSE_HUGE, which stays off (a safe
#: parser): one attachment's base64 is one text node, so one file may hold at most 7,500,000 bytes.
MAX_ATTACHMENT_BYTES = 7_500_000
TOO_LONG = (
    "Một tệp đính kèm của gói tin lớn hơn 7,5 MB: gói tin edXML không đọc được an toàn "
    "(mỗi tệp tối đa 7,5 MB; hãy chia nhỏ hoặc nén tệp)."
)


# --- the packets as read -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organ:
    organ_id: str
    name: str
    in_charge: str = ""
    address: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Attachment:
    content_id: str
    name: str
    content_type: str
    data: bytes
    description: str = ""


@dataclass(frozen=True)
class DocumentPacket:
    document_id: str
    from_organ: Organ
    to: list[Organ]
    code_number: str
    code_notation: str
    place: str
    promulgation_date: dt.date
    type: str
    type_detail: str
    type_name: str
    subject: str
    content: str
    signer_competence: str
    signer_position: str
    signer_name: str
    due_date: dt.date | None
    priority: str
    sphere: str
    typer_notation: str
    promulgation_amount: str
    page_amount: str
    direction: str
    appendixes: list[str]
    steering_type: str
    to_places: list[str]
    traces: list[tuple[str, str]]
    business_type: str  # new, recall, update, replace
    business_reason: str
    paper: str
    staff: dict[str, str]
    attachments: list[Attachment] = field(default_factory=list)
    signer_subject: str = ""  # the signing certificate's subject

    @property
    def number_symbol(self) -> str:
        return join_code(self.code_number, self.code_notation)

    def key_for(self, to_organ: str) -> str:
        return f"{self.document_id}|{self.business_type}|{to_organ}"

    def header_json(self) -> dict:
        """Every header field, for Packet.header (the attachments' bytes left out)."""
        return {
            "document_id": self.document_id,
            "from": vars(self.from_organ),
            "to": [vars(o) for o in self.to],
            "code_number": self.code_number,
            "code_notation": self.code_notation,
            "place": self.place,
            "promulgation_date": self.promulgation_date.isoformat(),
            "type": self.type,
            "type_detail": self.type_detail,
            "type_name": self.type_name,
            "subject": self.subject,
            "content": self.content,
            "signer": {
                "competence": self.signer_competence,
                "position": self.signer_position,
                "full_name": self.signer_name,
            },
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "priority": self.priority,
            "sphere": self.sphere,
            "typer_notation": self.typer_notation,
            "promulgation_amount": self.promulgation_amount,
            "page_amount": self.page_amount,
            "direction": self.direction,
            "appendixes": self.appendixes,
            "steering_type": self.steering_type,
            "to_places": self.to_places,
            "traces": [list(t) for t in self.traces],
            "business_type": self.business_type,
            "business_reason": self.business_reason,
            "paper": self.paper,
            "staff": self.staff,
            "attachments": [
                {
                    "content_id": a.content_id,
                    "name": a.name,
                    "content_type": a.content_type,
                    "size": len(a.data),
                }
                for a in self.attachments
            ],
            "signer_subject": self.signer_subject,
        }


@dataclass(frozen=True)
class StatusPacket:
    document_id: str
    response_organ: str  # ResponseFor/OrganId: the sender of the document answered
    code: str
    promulgation_date: dt.date | None
    from_organ: Organ
    status: str  # one of models.StatusCode
    status_code: str  # as carried (the number)
    description: str
    at: dt.datetime
    staff: dict[str, str]
    signer_subject: str = ""

    @property
    def key(self) -> str:
        # In UTC, as the sender's outbox keys it (timezone.now() is UTC): the same key on both sides.
        return f"{self.document_id}|{self.status}|{self.from_organ.organ_id}|{self.at.astimezone(dt.UTC).isoformat()}"


# --- small helpers --------------------------------------------------------------------------------------------------


def split_code(number_symbol: str) -> tuple[str, str]:
    """ "97-HD/BTGTU" → ("97", "HD/BTGTU"); "123/UBND-VP" → ("123", "UBND-VP")."""
    match = re.match(r"^\s*(\d+)\s*[-/]\s*(.+?)\s*$", number_symbol or "")
    if not match:
        return "", (number_symbol or "").strip()
    return match.group(1), match.group(2)


def join_code(number: str, notation: str) -> str:
    """The number-symbol as printed: a Party notation carries a "/" and follows a "-" ("97-HD/BTGTU"); a state one
    follows a "/" ("123/UBND-VP")."""
    number, notation = (number or "").strip(), (notation or "").strip()
    if not number:
        return notation
    if not notation:
        return number
    return f"{number}-{notation}" if "/" in notation else f"{number}/{notation}"


def ed_date(value: dt.date | None) -> str:
    return value.strftime("%Y/%m/%d") if value else ""


def ed_timestamp(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    offset = local.strftime("%z")
    return local.strftime("%Y/%m/%d %H:%M:%S") + (f"{offset[:3]}:{offset[3:]}" if offset else "")


def _read_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text[:10], "%Y/%m/%d").date()
    except ValueError:
        return None


def _read_timestamp(text: str) -> dt.datetime:
    text = (text or "").strip()
    match = re.match(r"^(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+\-]\d{2}:\d{2})?$", text)
    if not match:
        raise PacketSchemaInvalid(f"Thời điểm «{text}» không đúng dạng yyyy/mm/dd hh:mm:ss.")
    value = dt.datetime.strptime(match.group(1), "%Y/%m/%d %H:%M:%S")
    zone = match.group(3)
    if zone == "Z":
        return value.replace(tzinfo=dt.UTC)
    if zone:
        sign = 1 if zone[0] == "+" else -1
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        return value.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))
    return timezone.make_aware(value)


def document_ident(document: Document, organ_id: str | None = None) -> str:
    """The edXML DocumentId of an issued document: "OrganId,yyyy/mm/dd,number-symbol"."""
    organ = organ_id if organ_id is not None else issuer_organ_id(document)
    return f"{organ},{ed_date(document.issue_date)},{document.number_symbol}"


def issuer_organ_id(document: Document) -> str:
    """The issuer's code on the day of issue; for a document issued before the body had a code (or under one
    since closed and not carried on), the code it is reached by today."""
    if document.issuer is None:
        return ""
    return organ_id_for(document.issuer, document.issue_date) or organ_id_for(document.issuer)


def _el(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        node.text = str(text)
    return node


def _organ(parent: etree._Element, tag: str, organ: Organ) -> None:
    node = _el(parent, tag)
    _el(node, "OrganId", organ.organ_id)
    _el(node, "OrganizationInCharge", organ.in_charge)
    _el(node, "OrganName", organ.name)
    _el(node, "OrganAdd", organ.address)
    _el(node, "Email", organ.email)
    _el(node, "Telephone", organ.telephone)
    _el(node, "Fax", organ.fax)
    _el(node, "Website", organ.website)


def _staff(parent: etree._Element, staff: dict[str, str]) -> None:
    node = _el(parent, "StaffInfo")
    for tag in ("Department", "Staff", "Mobile", "Email"):
        _el(node, tag, staff.get(tag.lower(), ""))


def organ_of(unit: Unit, on: dt.date | None = None) -> Organ:
    return Organ(
        organ_id=organ_id_for(unit, on),
        name=unit.name,
        in_charge=" ".join((unit.parent_line or "").split()),
        address=unit.place_name or "",
        email=unit.email or "",
    )


# --- the schema and the signature --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), parser=_parser()))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )


def _validate(root: etree._Element) -> None:
    xsd = schema()
    if not xsd.validate(root):
        error = xsd.error_log.last_error
        where = f" (dòng {error.line})" if error is not None else ""
        detail = error.message if error is not None else ""
        raise PacketSchemaInvalid(f"Gói tin không đúng cấu trúc edXML{where}: {detail}")


def _sign(root: etree._Element) -> bytes:
    credential = keys.credential()
    signer = XMLSigner(
        method=methods.enveloped,
        signature_algorithm="rsa-sha256",
        digest_algorithm="sha256",
        c14n_algorithm=EXC_C14N,
    )
    signed = signer.sign(root, key=credential.key_pem, cert=credential.cert_pems)
    _validate(signed)
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


def _new_root() -> tuple[etree._Element, etree._Element, etree._Element]:
    root = etree.Element(f"{{{NS}}}edXML", nsmap={None: NS})
    envelope = _el(root, "edXMLEnvelope")
    header = _el(envelope, "edXMLHeader")
    return root, envelope, header


def _placeholder(header: etree._Element) -> None:
    # signxml puts the enveloped signature where this placeholder stands: in edXMLHeader, after its content.
    etree.SubElement(header, f"{{{DS}}}Signature", Id="placeholder", nsmap={"ds": DS})


def sign_packet(data: bytes) -> bytes:
    """Sign an unsigned packet made elsewhere (a gateway's, a test's) with this instance's key: the signature goes
    at the end of edXMLHeader. Refuses (PacketSchemaInvalid) what does not then validate against the XSD."""
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        if "too long" in (exc.msg or "").lower():
            raise PacketTooLarge(TOO_LONG) from exc
        raise PacketMalformed(f"Gói tin không phải XML hợp lệ: {exc.msg}") from exc
    header = root.find("e:edXMLEnvelope/e:edXMLHeader", namespaces={"e": NS})
    if header is None:
        raise PacketMalformed("Gói tin không có edXMLHeader.")
    _placeholder(header)
    return _sign(root)


# --- building ------------------------------------------------------------------------------------------------------


def _due_date(document: Document, to_unit: Unit) -> dt.date | None:
    dues = [t.due_date for t in document.tasks.filter(units=to_unit) if t.due_date]
    if not dues:
        dues = [t.due_date for t in document.tasks.all() if t.due_date]
    return min(dues) if dues else None


def _competence(document: Document) -> str:
    if not document.signer_authority:
        return ""
    return f"{document.signer_authority}. {document.signer_authority_body}".strip().upper()


def _page_count(data: bytes) -> str:
    try:
        from pypdf import PdfReader

        return str(len(PdfReader(io.BytesIO(data)).pages))
    except Exception:  # noqa: BLE001 — a count for the header only; the PDF itself is checked elsewhere
        return ""


def build_document_packet(
    document: Document,
    *,
    to_unit: Unit,
    business_type: str = "new",
    reason: str = "",
    staff: dict[str, str] | None = None,
    at: dt.datetime | None = None,
) -> bytes:
    """The signed, XSD-valid packet of an issued document for one recipient reached through the hub."""
    if not document.is_issued or not document.issuer_id:
        raise PacketUnsupported("Chỉ gửi liên thông văn bản đã ban hành.")
    if business_type not in conf.business_codes():
        raise PacketUnsupported(f"Loại nghiệp vụ «{business_type}» không được hỗ trợ.")
    issuer = document.issuer
    assert issuer is not None
    from_organ = Organ(**{**vars(organ_of(issuer)), "organ_id": issuer_organ_id(document)})
    if not from_organ.organ_id:
        raise PacketUnsupported(f"{issuer.name} chưa có mã định danh điện tử.")
    to_organ = organ_of(to_unit)
    if not to_organ.organ_id:
        raise PacketUnsupported(f"{to_unit.name} chưa có mã định danh điện tử.")
    snapshot = document.issuer_snapshot or {}
    from_organ = Organ(**{**vars(from_organ), "name": document.issuer_name or from_organ.name})
    if snapshot.get("parent_line"):
        from_organ = Organ(
            **{**vars(from_organ), "in_charge": " ".join(str(snapshot["parent_line"]).split())}
        )
    pdf = b""
    if document.pdf:
        with document.pdf.open("rb") as handle:
            pdf = handle.read()
    if not pdf:
        raise PacketUnsupported("Văn bản chưa có bản PDF đã ký để gửi.")
    if len(pdf) > MAX_ATTACHMENT_BYTES:
        raise PacketUnsupported(TOO_LONG)
    ident = document_ident(document, from_organ.organ_id)
    number, notation = split_code(document.number_symbol)
    places = [r.label for r in document.recipients.all() if r.printed and r.label]
    root, envelope, header = _new_root()
    message = _el(header, "MessageHeader")
    _organ(message, "From", from_organ)
    _organ(message, "To", to_organ)
    _el(message, "DocumentId", ident)
    code = _el(message, "Code")
    _el(code, "CodeNumber", number or str(document.number or ""))
    _el(code, "CodeNotation", notation)
    promulgation = _el(message, "PromulgationInfo")
    _el(promulgation, "Place", document.place)
    _el(promulgation, "PromulgationDate", ed_date(document.issue_date))
    doc_type = _el(message, "DocumentType")
    _el(doc_type, "Type", conf.type_code())
    _el(doc_type, "TypeDetail", document.doc_type)
    _el(doc_type, "TypeName", DocType(document.doc_type).label if document.doc_type in DocType.values else "")
    _el(message, "Subject", document.subject)
    _el(message, "Content", document.subject)
    signer = _el(message, "SignerInfo")
    _el(signer, "Competence", _competence(document))
    _el(signer, "Position", document.signer_title)
    _el(signer, "FullName", document.signer_name)
    _el(message, "DueDate", ed_date(_due_date(document, to_unit)))
    to_places = _el(message, "ToPlaces")
    for place in places:
        _el(to_places, "Place", place)
    other = _el(message, "OtherInfo")
    _el(other, "Priority", conf.priority_default())
    _el(other, "SphereOfPromulgation", "")
    _el(other, "TyperNotation", document.department)
    _el(other, "PromulgationAmount", str(max(1, document.deliveries.count())))
    _el(other, "PageAmount", _page_count(pdf))
    _el(other, "Direction", "0")
    _el(other, "Appendixes")
    _el(message, "SteeringType", "1" if document.tasks.exists() else "0")
    traces = _el(header, "TraceHeaderList")
    trace = _el(traces, "TraceHeader")
    _el(trace, "OrganId", from_organ.organ_id)
    _el(trace, "Timestamp", ed_timestamp(at or timezone.now()))
    business = _el(traces, "Bussiness")
    _el(business, "DocumentId", ident)
    _el(business, "BussinessDocType", conf.business_codes()[business_type])
    _el(business, "BussinessDocReason", reason)
    _el(business, "Paper", "0")
    _staff(business, staff or {})
    _placeholder(header)
    body = _el(envelope, "edXMLBody")
    manifest = _el(body, "edXMLManifest")
    name = f"{document.number_symbol.replace('/', '_') or document.pk}.pdf"
    reference = _el(manifest, "Reference")
    _el(reference, "ContentId", "cid:1")
    _el(reference, "ContentType", "application/pdf")
    _el(reference, "Description", "Văn bản đã ký số")
    _el(reference, "AttachmentName", name)
    encoded = _el(root, "AttachmentEncoded")
    attachment = _el(encoded, "Attachment", base64.b64encode(pdf).decode("ascii"))
    attachment.set("ContentId", "cid:1")
    attachment.set("ContentType", "application/pdf")
    attachment.set("AttachmentName", name)
    return _sign(root)


def build_status_packet(
    *,
    document_id: str,
    from_unit: Unit,
    to_organ: str,
    status: str,
    at: dt.datetime,
    staff: str = "",
    description: str = "",
    department: str = "",
) -> bytes:
    """The signed status packet answering the document ``document_id`` (sent by ``to_organ``)."""
    codes = conf.status_codes()
    if status not in codes:
        raise PacketUnsupported(f"Trạng thái «{status}» không được hỗ trợ.")
    parts = document_id.split(",", 2)
    root, _envelope, header = _new_root()
    node = _el(header, "Status")
    response = _el(node, "ResponseFor")
    _el(response, "OrganId", to_organ)
    _el(response, "Code", parts[2] if len(parts) == 3 else "")
    _el(response, "PromulgationDate", parts[1] if len(parts) == 3 and _read_date(parts[1]) else "")
    _el(response, "DocumentId", document_id)
    _organ(node, "From", organ_of(from_unit))
    _el(node, "StatusCode", codes[status])
    _el(node, "Description", description)
    _el(node, "Timestamp", ed_timestamp(at))
    _staff(node, {"department": department, "staff": staff})
    _placeholder(header)
    return _sign(root)


# --- reading -------------------------------------------------------------------------------------------------------


def _text(node: etree._Element | None, path: str) -> str:
    if node is None:
        return ""
    found = node.find(path, namespaces={"e": NS})
    return (found.text or "").strip() if found is not None else ""


def _read_organ(node: etree._Element | None) -> Organ:
    return Organ(
        organ_id=_text(node, "e:OrganId"),
        name=_text(node, "e:OrganName"),
        in_charge=_text(node, "e:OrganizationInCharge"),
        address=_text(node, "e:OrganAdd"),
        email=_text(node, "e:Email"),
        telephone=_text(node, "e:Telephone"),
        fax=_text(node, "e:Fax"),
        website=_text(node, "e:Website"),
    )


def _read_staff(node: etree._Element | None) -> dict[str, str]:
    return {tag.lower(): _text(node, f"e:{tag}") for tag in ("Department", "Staff", "Mobile", "Email")}


def _verify(root: etree._Element) -> tuple[etree._Element, str]:
    """The signed content of the packet and its signer's subject; PacketSignatureInvalid otherwise."""
    signature = root.find(f"e:edXMLEnvelope/e:edXMLHeader/{{{DS}}}Signature", namespaces={"e": NS})
    if signature is None:
        raise PacketSignatureInvalid("Gói tin không có chữ ký số XML.")
    cert_node = signature.find(f".//{{{DS}}}X509Certificate")
    if cert_node is None or not (cert_node.text or "").strip():
        raise PacketSignatureInvalid("Chữ ký số của gói tin không kèm chứng thư số.")
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode("".join(cert_node.text.split())))
    except (ValueError, binascii.Error) as exc:
        raise PacketSignatureInvalid("Chứng thư số kèm chữ ký của gói tin không đọc được.") from exc
    if not keys.is_trusted(cert):
        raise PacketSignatureInvalid(
            f"Chứng thư số ký gói tin ({cert.subject.rfc4514_string()}) không thuộc danh sách tin cậy "
            "hoặc đã hết hạn."
        )
    try:
        result = XMLVerifier().verify(
            root,
            x509_cert=cert,
            expect_config=SignatureConfiguration(
                require_x509=True,
                signature_methods=frozenset({_rsa_sha256()}),
                digest_algorithms=frozenset({_sha256()}),
                expect_references=1,
            ),
        )
    except (InvalidSignature, InvalidDigest, InvalidCertificate, InvalidInput) as exc:
        raise PacketSignatureInvalid(
            "Chữ ký số XML của gói tin không hợp lệ: nội dung đã bị thay đổi."
        ) from exc
    signed = result.signed_xml if not isinstance(result, list) else result[0].signed_xml
    if signed is None or signed.tag != root.tag:
        raise PacketSignatureInvalid("Chữ ký số XML của gói tin không bao trùm toàn bộ gói tin.")
    return signed, cert.subject.rfc4514_string()


def _rsa_sha256():
    from signxml.algorithms import SignatureMethod

    return SignatureMethod.RSA_SHA256


def _sha256():
    from signxml.algorithms import DigestAlgorithm

    return DigestAlgorithm.SHA256


def _attachments(root: etree._Element) -> list[Attachment]:
    manifest = {
        _text(ref, "e:ContentId"): ref
        for ref in root.iterfind(
            "e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest/e:Reference", namespaces={"e": NS}
        )
    }
    found: list[Attachment] = []
    for node in root.iterfind("e:AttachmentEncoded/e:Attachment", namespaces={"e": NS}):
        cid = node.get("ContentId", "")
        ref = manifest.get(cid)
        name = _text(ref, "e:AttachmentName") or node.get("AttachmentName", "") or f"{cid.split(':')[-1]}.bin"
        try:
            data = base64.b64decode("".join((node.text or "").split()), validate=True)
        except (ValueError, binascii.Error) as exc:
            raise PacketMalformed(f"Tệp đính kèm «{name}» không giải mã được (base64).") from exc
        found.append(
            Attachment(
                content_id=cid,
                name=Path(name).name,
                content_type=_text(ref, "e:ContentType") or node.get("ContentType", ""),
                description=_text(ref, "e:Description"),
                data=data,
            )
        )
    return found


def parse_packet(data: bytes) -> DocumentPacket | StatusPacket:
    """Read and check a packet: refuses (ExchangeRefused subclasses, reasons in Vietnamese) one too large,
    malformed, not valid against the project's XSD, unsigned or badly signed, or signed by an untrusted certificate."""
    if len(data) > conf.max_packet_bytes():
        raise PacketTooLarge(
            f"Gói tin {len(data):,} byte vượt quá giới hạn {conf.max_packet_bytes():,} byte.".replace(
                ",", "."
            )
        )
    if not data.strip():
        raise PacketMalformed("Gói tin rỗng.")
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise PacketMalformed("Gói tin chứa khai báo DOCTYPE/ENTITY: không được phép.")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        if "too long" in (exc.msg or "").lower() or "huge" in (exc.msg or "").lower():
            raise PacketTooLarge(TOO_LONG) from exc
        raise PacketMalformed(f"Gói tin không phải XML hợp lệ: {exc.msg}") from exc
    if root.tag != f"{{{NS}}}edXML":
        raise PacketMalformed("Gói tin không phải edXML (phần tử gốc edXML, không gian tên QCVN 102:2016).")
    _validate(root)
    signed, subject = _verify(root)
    return _read(signed, subject)


def _read(root: etree._Element, subject: str) -> DocumentPacket | StatusPacket:
    header = root.find("e:edXMLEnvelope/e:edXMLHeader", namespaces={"e": NS})
    assert header is not None  # the schema requires it
    status = header.find("e:Status", namespaces={"e": NS})
    if status is not None:
        numbers = {v: k for k, v in conf.status_codes().items()}
        carried = _text(status, "e:StatusCode")
        word = numbers.get(carried) or (carried if carried in conf.status_codes() else "")
        if not word:
            raise PacketUnsupported(f"Mã trạng thái «{carried}» không được hỗ trợ.")
        return StatusPacket(
            document_id=_text(status, "e:ResponseFor/e:DocumentId"),
            response_organ=_text(status, "e:ResponseFor/e:OrganId"),
            code=_text(status, "e:ResponseFor/e:Code"),
            promulgation_date=_read_date(_text(status, "e:ResponseFor/e:PromulgationDate")),
            from_organ=_read_organ(status.find("e:From", namespaces={"e": NS})),
            status=word,
            status_code=carried,
            description=_text(status, "e:Description"),
            at=_read_timestamp(_text(status, "e:Timestamp")),
            staff=_read_staff(status.find("e:StaffInfo", namespaces={"e": NS})),
            signer_subject=subject,
        )
    message = header.find("e:MessageHeader", namespaces={"e": NS})
    traces = header.find("e:TraceHeaderList", namespaces={"e": NS})
    assert message is not None and traces is not None  # the schema requires them
    businesses = {v: k for k, v in conf.business_codes().items()}
    carried = _text(traces, "e:Bussiness/e:BussinessDocType") or conf.business_codes()["new"]
    business = businesses.get(carried) or (carried if carried in conf.business_codes() else "")
    if not business:
        raise PacketUnsupported(f"Loại nghiệp vụ «{carried}» không được hỗ trợ.")
    promulgation = _read_date(_text(message, "e:PromulgationInfo/e:PromulgationDate"))
    assert promulgation is not None  # the schema's pattern
    return DocumentPacket(
        document_id=_text(message, "e:DocumentId"),
        from_organ=_read_organ(message.find("e:From", namespaces={"e": NS})),
        to=[_read_organ(n) for n in message.iterfind("e:To", namespaces={"e": NS})],
        code_number=_text(message, "e:Code/e:CodeNumber"),
        code_notation=_text(message, "e:Code/e:CodeNotation"),
        place=_text(message, "e:PromulgationInfo/e:Place"),
        promulgation_date=promulgation,
        type=_text(message, "e:DocumentType/e:Type"),
        type_detail=_text(message, "e:DocumentType/e:TypeDetail"),
        type_name=_text(message, "e:DocumentType/e:TypeName"),
        subject=_text(message, "e:Subject"),
        content=_text(message, "e:Content"),
        signer_competence=_text(message, "e:SignerInfo/e:Competence"),
        signer_position=_text(message, "e:SignerInfo/e:Position"),
        signer_name=_text(message, "e:SignerInfo/e:FullName"),
        due_date=_read_date(_text(message, "e:DueDate")),
        priority=_text(message, "e:OtherInfo/e:Priority"),
        sphere=_text(message, "e:OtherInfo/e:SphereOfPromulgation"),
        typer_notation=_text(message, "e:OtherInfo/e:TyperNotation"),
        promulgation_amount=_text(message, "e:OtherInfo/e:PromulgationAmount"),
        page_amount=_text(message, "e:OtherInfo/e:PageAmount"),
        direction=_text(message, "e:OtherInfo/e:Direction"),
        appendixes=[
            (n.text or "").strip()
            for n in message.iterfind("e:OtherInfo/e:Appendixes/e:Appendix", namespaces={"e": NS})
        ],
        steering_type=_text(message, "e:SteeringType"),
        to_places=[
            (n.text or "").strip() for n in message.iterfind("e:ToPlaces/e:Place", namespaces={"e": NS})
        ],
        traces=[
            (_text(n, "e:OrganId"), _text(n, "e:Timestamp"))
            for n in traces.iterfind("e:TraceHeader", namespaces={"e": NS})
        ],
        business_type=business,
        business_reason=_text(traces, "e:Bussiness/e:BussinessDocReason"),
        paper=_text(traces, "e:Bussiness/e:Paper"),
        staff=_read_staff(traces.find("e:Bussiness/e:StaffInfo", namespaces={"e": NS})),
        attachments=_attachments(root),
        signer_subject=subject,
    )


def read_unverified(data: bytes) -> dict[str, str]:
    """What a refused packet says about itself, read without trusting it (to answer its sender "refused"):
    edxml_id, from_organ, to_organ, business_type; {} when it is not XML at all."""
    if len(data) > conf.max_packet_bytes() or b"<!ENTITY" in data.upper():
        return {}
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        return {}
    head = "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/"
    carried = _text(root, "e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList/e:Bussiness/e:BussinessDocType")
    return {
        "edxml_id": _text(root, head + "e:DocumentId")[:255],
        "from_organ": _text(root, head + "e:From/e:OrganId")[:64],
        "to_organ": _text(root, head + "e:To/e:OrganId")[:64],
        "business_type": {v: k for k, v in conf.business_codes().items()}.get(carried, ""),
    }


def kept_files(attachments: list[Attachment]) -> list[Attachment]:
    """The files an entry keeps: each PDF and Word file, and the PDF and Word files inside a zip (the public sample
    packets zip their .doc). Refuses (PacketUnsupported) a packet with nothing to keep or a zip that cannot be read."""
    kept: list[Attachment] = []
    for item in attachments:
        suffix = Path(item.name).suffix.lower()
        if suffix in KEPT_TYPES:
            kept.append(item)
        elif suffix in ZIP_TYPES or item.data[:4] == b"PK\x03\x04" and suffix not in (".docx",):
            try:
                with zipfile.ZipFile(io.BytesIO(item.data)) as archive:
                    members = [m for m in archive.infolist() if not m.is_dir()]
                    if sum(m.file_size for m in members) > conf.max_packet_bytes():
                        raise PacketUnsupported(f"Tệp nén «{item.name}» giải nén quá lớn.")
                    for n, member in enumerate(members, start=1):
                        inner = Path(member.filename).name
                        if Path(inner).suffix.lower() in KEPT_TYPES:
                            kept.append(
                                Attachment(
                                    content_id=f"{item.content_id}#{n}",
                                    name=inner,
                                    content_type=KEPT_TYPES[Path(inner).suffix.lower()],
                                    description=item.description,
                                    data=archive.read(member),
                                )
                            )
            except (zipfile.BadZipFile, OSError) as exc:
                raise PacketUnsupported(f"Tệp nén «{item.name}» không đọc được.") from exc
    if not kept:
        raise PacketUnsupported("Gói tin không kèm tệp văn bản (PDF, DOC, DOCX) nào.")
    return kept


__all__ = [
    "Attachment",
    "DocumentPacket",
    "ExchangeRefused",
    "Organ",
    "StatusPacket",
    "build_document_packet",
    "build_status_packet",
    "document_ident",
    "issuer_organ_id",
    "kept_files",
    "organ_id_for",
    "parse_packet",
    "sign_packet",
    "unit_for_organ_id",
]
