"""The e-policy: the PDF a policyholder keeps (电子保险单), its share card, and the words of its check page.

A data message is written form and an e-policy has the same effect as a paper one (Insurance Law Art. 13,
Electronic Signature Law Arts. 4 and 14, Civil Code Art. 469; docs/domain.md, The e-policy). Everything
here draws what ``services`` hands it (an ``EPolicy``) and reads nothing itself.

The text is in both languages on one page, Chinese first and English second: whoever the holder shows it to
(a hospital, a visa office) reads one or the other. Chinese is drawn with the WenQuanYi Micro Hei subset that
ships in ``fonts/`` (Apache 2.0), embedded as a subset with its Unicode map, so the PDF shows the same on a
machine without any Chinese font and its text can be copied and searched (``pdftotext``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import threading
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import qrcode
from flask_babel import gettext, lazy_pgettext
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.clock import SHANGHAI
from app.core.i18n import N_, in_language, yuan

#: WenQuanYi Micro Hei, cut to Latin, punctuation and the 20,902 CJK ideographs of GBK (fonts/README.md).
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "wqy-microhei-subset.ttf"
FONT_NAME = "WenQuanYiMicroHei"
#: What the policy is printed as when nothing was agreed (a policy sold before documents were versioned).
NOTHING = "—"

#: The words of a status, as the admin calls a policy's (one translation for both).
STATUS_WORDS = {
    "active": lazy_pgettext("policy status", "active"),
    "cancelling": lazy_pgettext("policy status", "cancelling"),
    "cancelled": lazy_pgettext("policy status", "cancelled"),
    "expired": lazy_pgettext("policy status", "expired"),
}

#: Labels, each drawn in Chinese above its English.
TITLE = N_("Electronic insurance policy")
LABELS = {
    "policy_no": N_("Policy number"),
    "verification_code": N_("Verification code"),
    "status": N_("Policy status"),
    "insurer": N_("Insurer"),
    "insurer_address": N_("Insurer's registered address"),
    "licence_no": N_("Insurance licence number"),
    "hotline": N_("Customer service hotline"),
    "complaints": N_("Complaints"),
    "policyholder": N_("Policyholder"),
    "policyholder_id": N_("Policyholder's ID number"),
    "insured": N_("Insured person"),
    "insured_id": N_("Insured person's ID number"),
    "beneficiary": N_("Beneficiary"),
    "product": N_("Product"),
    "plan": N_("Plan"),
    "sum_insured": N_("Sum insured"),
    "premium": N_("Premium paid"),
    "premium_payment": N_("How the premium is paid"),
    "period": N_("Period of cover"),
    "illness_from": N_("Illness covered from"),
    # The contract is made when the insurer accepts, which is the moment it is issued (paid, then issued at once).
    "issued": N_("Contract date (date of issue)"),
    "covered": N_("What is covered"),
    "not_covered": N_("Exclusions"),
    "benefits": N_("How benefits are paid"),
    "disputes": N_("Breach and disputes"),
    "documents": N_("Documents agreed before buying"),
}
SECTION_PARTIES = N_("Insurer and the people insured")
SECTION_COVER = N_("Cover")
SECTION_DOCUMENTS = N_("Terms of the contract")
BENEFICIARY = N_("The insured person's legal heirs on death; the insured person for every other benefit")
#: How the premium was paid (Insurance Law Art. 18: the premium and how it is paid), by how the cover came.
PAID_BY_WECHAT = N_("WeChat Pay")
PAID_BY_WECHAT_RENEWING = N_("WeChat Pay; with auto-renewal signed, each later month's premium is deducted through "
                             "WeChat Pay until renewal is stopped")
PAID_BY_GIVER = N_("Gift cover: the premium was paid by whoever gave it; the insured pays nothing")
#: How benefits are paid: as the claims feature works (claim in the mini-program or by phone; the insurer decides
#: and pays, Redcover keeps no payee account) and within the times of Insurance Law Art. 23, which the clauses repeat.
BENEFITS = N_("Claim in the mini-program (My policies > this policy > Make a claim) or call %(hotline)s. The insurer "
              "decides promptly, within 30 days when the case is complex; once the amount is agreed with the insured "
              "or beneficiary, it pays within 10 days, into an account in the beneficiary's own name that is "
              "confirmed with the insurer during the claim.")
#: The seeded clauses' own disputes clause (negotiation, then a people's court); an arbitration clause would need
#: a named arbitration commission agreed in the clauses (docs/domain.md, The e-policy).
DISPUTES = N_("A party that breaches this contract is liable as its clauses and the law provide. Disputes under this "
              "contract are settled by negotiation; failing that, either party may sue in a people's court with "
              "jurisdiction.")
NO_NAME = N_("WeChat user")
YUAN = N_("%(amount)s yuan")
PERIOD = N_("From %(start)s to %(end)s (Beijing time)")
VERSION = N_("version %(version)s")
SAME_EFFECT = N_("This electronic policy has the same legal effect as a paper policy.")
HOW_TO_VERIFY = N_("Check that this policy is genuine: scan the code, or open %(url)s")
SCAN_TO_VERIFY = N_("Scan to verify")
SERVICE = N_("Questions or complaints: call %(hotline)s, or tap Contact us in the mini-program "
             "(Me > Questions and complaints).")
GENUINE = N_("This policy is genuine")
NOT_FOUND = N_("No policy has this verification code")
NOT_FOUND_HINT = N_("Check the code on the e-policy, or call the insurer's customer service hotline.")
PRIVACY_NOTE = N_("For the insured's privacy this page shows no personal data.")
CARD_SUM_INSURED = N_("Sum insured")
CARD_INSURED = N_("Insured")


@dataclasses.dataclass(frozen=True)
class Both:
    """A text in both languages; ``en`` empty when the English would only repeat the Chinese."""

    zh: str
    en: str = ""


def both(message: str, **values) -> Both:
    """A marked message (``N_``) in Chinese and in English, formatted with ``values``."""
    with in_language("zh-CN"):
        zh = gettext(message, **values)
    with in_language("en"):
        en = gettext(message, **values)
    return Both(zh, en if en != zh else "")


def status_words(status: str) -> Both:
    word = STATUS_WORDS.get(status)
    if word is None:
        return Both(status)
    with in_language("zh-CN"):
        zh = str(word)
    with in_language("en"):
        en = str(word)
    return Both(zh, en)


def beijing_date(moment: dt.datetime) -> Both:
    local = moment.astimezone(SHANGHAI)
    return Both(f"{local.year}年{local.month}月{local.day}日", f"{local.day} {local:%b} {local.year}")


def cover_period_words(starts_at: dt.datetime, ends_at: dt.datetime) -> Both:
    """``2026年12月6日 14:30 至 2027年1月5日 24:00``: cover ends at midnight after its last day, so that
    day is printed with 24:00 (as Chinese policies do) rather than the next one with 00:00."""
    start = starts_at.astimezone(SHANGHAI)
    last_day = (ends_at.astimezone(SHANGHAI) - dt.timedelta(microseconds=1))
    start_zh, start_en = beijing_date(start).zh, beijing_date(start).en
    end = beijing_date(last_day)
    return Both(
        both(PERIOD, start=f"{start_zh} {start:%H:%M}", end=f"{end.zh} 24:00").zh,
        both(PERIOD, start=f"{start_en} {start:%H:%M}", end=f"{end.en} 24:00").en,
    )


def money(fen: int) -> Both:
    return both(YUAN, amount=yuan(fen))


def premium_payment_words(source: str, renewing: bool) -> Both:
    """How the premium of cover that came from ``source`` (purchase, envelope, reward) was paid."""
    if source != "purchase":
        return both(PAID_BY_GIVER)
    return both(PAID_BY_WECHAT_RENEWING if renewing else PAID_BY_WECHAT)


@dataclasses.dataclass(frozen=True)
class EPolicy:
    """What an e-policy, its card and its check page show: gathered by ``services``, drawn here."""

    policy_no: str
    verification_code: str
    verify_url: str
    status: str
    product: Both
    plan: Both
    insurer: Both
    insurer_licence_no: str
    insurer_hotline: str
    insurer_complaint_channel: Both
    #: Its registered address (住所), "—" when none is on record.
    insurer_address: Both
    policyholder: Both
    insured_name_masked: str
    insured_id_masked: str
    coverage_fen: int
    premium_fen: int
    premium_payment: Both
    starts_at: dt.datetime
    ends_at: dt.datetime
    illness_cover_starts_at: dt.datetime
    issued_at: dt.datetime
    covered: Both  # one item a line
    not_covered: Both
    #: The documents the buyer agreed to before paying, as (title, version); empty until the sale's trace
    #: (issue 16, item 3) is wired in, and printed as "—" then.
    documents_agreed: Sequence[tuple[str, str]] = ()
    #: The policyholder's identity number, masked, when they had saved themselves (本人) when the cover was taken
    #: out; the line is left out otherwise, since the WeChat account that names them then has none.
    policyholder_id_masked: str | None = None


# -- the QR code ----------------------------------------------------------------------------------------

def qr_matrix(url: str) -> list[list[bool]]:
    """The QR code of ``url`` as rows of dark (True) and light modules, with its quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


class _QRCode(Flowable):
    """The QR code of ``url``, ``size`` points square: each row's dark runs filled as one path."""

    def __init__(self, url: str, size: float):
        super().__init__()
        self.matrix, self.width, self.height = qr_matrix(url), size, size

    def draw(self):
        module = self.width / len(self.matrix)
        path = self.canv.beginPath()
        for row, line in enumerate(self.matrix):
            column = 0
            while column < len(line):
                if not line[column]:
                    column += 1
                    continue
                run = column
                while run < len(line) and line[run]:
                    run += 1
                path.rect(column * module, self.height - (row + 1) * module, (run - column) * module, module)
                column = run
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


# -- the PDF ----------------------------------------------------------------------------------------------

def _register_font() -> None:
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        # A TTFont is embedded as a subset of the glyphs a document uses, with a ToUnicode map.
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH)))


#: reportlab keeps a font's per-document subsets on the shared font object (a WeakKeyDictionary): one build at a
#: time per process, so gthread workers never race on it. A policy builds in about 0.2 s on one core.
_BUILDING = threading.Lock()

RED = colors.HexColor("#c8161d")
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#dddddd")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT_NAME, fontSize=9.5, leading=13, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=20, leading=26, alignment=TA_CENTER, textColor=RED),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=15, alignment=TA_CENTER, textColor=GREY),
        "section": ParagraphStyle("section", base, fontSize=11.5, leading=16, textColor=RED, spaceBefore=8,
                                  spaceAfter=3),
        "label": ParagraphStyle("label", base, fontSize=9, leading=12),
        "value": base,
        "note": ParagraphStyle("note", base, fontSize=8.5, leading=12, textColor=GREY),
    }


def _markup(text: str) -> str:
    """``text`` escaped for a paragraph, its line breaks kept."""
    return "<br/>".join(escape(line) for line in text.splitlines())


def _text(words: Both, english_size: float = 8) -> str:
    """Chinese, then English beneath in grey (as paragraph markup, escaped)."""
    markup = _markup(words.zh)
    if words.en:
        markup += f'<br/><font size="{english_size}" color="#666666">{_markup(words.en)}</font>'
    return markup


def _table(rows: list[tuple[str, str]], styles) -> Table:
    cells = [[Paragraph(label, styles["label"]), Paragraph(value, styles["value"])] for label, value in rows]
    table = Table(cells, colWidths=[42 * mm, 128 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f7f7f7")),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _label(key: str) -> str:
    return _text(both(LABELS[key]))


def render_pdf(policy: EPolicy) -> bytes:
    """The e-policy as an A4 PDF, with the Chinese font embedded."""
    _register_font()
    styles = _styles()
    out = io.BytesIO()
    insurer = policy.insurer
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
        title=f"{both(TITLE).zh} {policy.policy_no}", author=insurer.zh, subject=policy.product.zh,
        creator="Redcover")

    def section(message: str):
        return Paragraph(_text(both(message), 9), styles["section"])

    documents = "<br/>".join(
        f"{escape(title)} ({escape(both(VERSION, version=version).zh)})" for title, version in policy.documents_agreed
    ) or NOTHING
    head = Table([[
        [Paragraph(escape(both(TITLE).zh), styles["title"]), Paragraph(escape(both(TITLE).en), styles["subtitle"]),
         Spacer(1, 4), Paragraph(_text(Both(f"{both(LABELS['policy_no']).zh}：{policy.policy_no}",
                                            f"{both(LABELS['policy_no']).en}: {policy.policy_no}")), styles["value"]),
         Paragraph(_text(Both(f"{both(LABELS['verification_code']).zh}：{policy.verification_code}",
                              f"{both(LABELS['verification_code']).en}: {policy.verification_code}")),
                   styles["value"])],
        [_QRCode(policy.verify_url, 30 * mm), Paragraph(_text(both(SCAN_TO_VERIFY), 7), ParagraphStyle(
            "qr", styles["note"], alignment=TA_CENTER, fontSize=8, leading=10))],
    ]], colWidths=[136 * mm, 34 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "CENTER")]))

    story = [
        head,
        section(SECTION_PARTIES),
        _table([
            (_label("status"), _text(status_words(policy.status))),
            (_label("insurer"), _text(insurer)),
            (_label("insurer_address"), _text(policy.insurer_address)),
            (_label("licence_no"), escape(policy.insurer_licence_no)),
            (_label("hotline"), escape(policy.insurer_hotline)),
            (_label("complaints"), _text(policy.insurer_complaint_channel)),
            (_label("policyholder"), _text(policy.policyholder)),
            *([(_label("policyholder_id"), escape(policy.policyholder_id_masked))] if policy.policyholder_id_masked
              else []),
            (_label("insured"), escape(policy.insured_name_masked or NOTHING)),
            (_label("insured_id"), escape(policy.insured_id_masked or NOTHING)),
            (_label("beneficiary"), _text(both(BENEFICIARY))),
        ], styles),
        section(SECTION_COVER),
        _table([
            (_label("product"), _text(policy.product)),
            (_label("plan"), _text(policy.plan)),
            (_label("sum_insured"), _text(money(policy.coverage_fen))),
            (_label("premium"), _text(money(policy.premium_fen))),
            (_label("premium_payment"), _text(policy.premium_payment)),
            (_label("period"), _text(cover_period_words(policy.starts_at, policy.ends_at))),
            # Only cover with a waiting period for illness (medical) says when illness is covered from: on
            # accident cover, which never pays for illness, the line read as a promise.
            *([(_label("illness_from"), _text(beijing_date(policy.illness_cover_starts_at)))]
              if policy.illness_cover_starts_at > policy.starts_at else []),
            (_label("issued"), _text(beijing_date(policy.issued_at))),
            (_label("covered"), _text(policy.covered)),
            (_label("not_covered"), _text(policy.not_covered)),
        ], styles),
        section(SECTION_DOCUMENTS),
        _table([
            (_label("benefits"), _text(both(BENEFITS, hotline=policy.insurer_hotline))),
            (_label("disputes"), _text(both(DISPUTES))),
            (_label("documents"), documents),
        ], styles),
        Spacer(1, 8),
        Paragraph(_text(both(SERVICE, hotline=policy.insurer_hotline)), styles["note"]),
        Spacer(1, 3),
        Paragraph(_text(both(HOW_TO_VERIFY, url=policy.verify_url)), styles["note"]),
        Spacer(1, 3),
        Paragraph(_text(both(SAME_EFFECT)), styles["note"]),
    ]
    with _BUILDING:
        document.build(story)
    return out.getvalue()


# -- the share card -----------------------------------------------------------------------------------------

CARD_SIZE = (750, 1000)


@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def _qr_image(url: str, size: int) -> Image.Image:
    """The QR code of ``url``, a whole number of pixels a module, about ``size`` pixels square."""
    matrix = qr_matrix(url)
    modules = len(matrix)
    image = Image.new("L", (modules, modules))
    image.putdata([0 if dark else 255 for line in matrix for dark in line])
    scale = max(1, size // modules)
    return image.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """``text`` cut into lines no wider than ``width`` (Chinese breaks anywhere, so by character)."""
    lines, line = [], ""
    for char in text:
        if draw.textlength(line + char, font=font) > width and line:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    return lines + [line] if line else lines


def render_card(policy: EPolicy) -> bytes:
    """A 750×1000 PNG to share: product, plan, sum insured, insurer, the insured masked, and the check QR."""
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, "white")
    draw = ImageDraw.Draw(image)
    margin = 56
    draw.rectangle((0, 0, width, 300), fill="#c8161d")
    y = 60
    for line in _wrapped(draw, policy.product.zh, _font(54), width - 2 * margin)[:2]:
        draw.text((margin, y), line, font=_font(54), fill="white")
        y += 70
    if policy.product.en:
        draw.text((margin, y + 4), policy.product.en[:48], font=_font(26), fill="#ffe3e3")
        y += 40
    draw.text((margin, max(y + 10, 220)), policy.plan.zh[:24], font=_font(30), fill="white")

    y = 350
    draw.text((margin, y), f"{both(CARD_SUM_INSURED).zh} {both(CARD_SUM_INSURED).en}", font=_font(28), fill="#666666")
    draw.text((margin, y + 42), money(policy.coverage_fen).zh, font=_font(64), fill="#c8161d")
    draw.text((margin, y + 120), money(policy.coverage_fen).en, font=_font(26), fill="#666666")
    y = 540
    draw.text((margin, y), f"{both(CARD_INSURED).zh} {both(CARD_INSURED).en}：{policy.insured_name_masked or NOTHING}",
              font=_font(30), fill="#222222")
    for line in _wrapped(draw, policy.insurer.zh, _font(26), width - 2 * margin)[:2]:
        y += 48
        draw.text((margin, y), line, font=_font(26), fill="#444444")

    qr_size = 220
    qr = _qr_image(policy.verify_url, qr_size)
    image.paste(qr, (width - margin - qr.width, height - margin - qr.height - 40))
    caption = f"{both(SCAN_TO_VERIFY).zh} {both(SCAN_TO_VERIFY).en}"
    draw.text((width - margin - qr.width / 2, height - margin - 18), caption, font=_font(22), fill="#666666",
              anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
