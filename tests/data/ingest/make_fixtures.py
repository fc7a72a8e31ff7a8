#!/usr/bin/env python3
"""Makes the files that the import tests read, from real Arabic news texts.

The texts in truth/ are four articles of Al-Sharq Al-Awsat (23 July 2015) as
published in the SaudiNewsNet corpus (M. Alhagri, 2015). From each this writes
what an analyst actually receives:

- NAME.html: the page as a browser saves it, inside a news site's
  surroundings (menus, breadcrumbs, share buttons, "read also", most read,
  comments, footer, scripts, styles, Open Graph and JSON-LD metadata). Two
  site layouts; two pages in UTF-8, two in windows-1256.
- NAME.docx: written by python-docx with right-to-left paragraphs, a title
  property, a heading, a bulleted line and a table.
- NAME.pdf: printed by headless Chromium from right-to-left HTML set in Noto
  Naskh Arabic, justified, with Chromium's own page headers and footers
  (date, title, address, page numbers) left on.

Run it from this folder (needs python-docx, chromium, fonts-noto-core); the
outputs are committed so the tests need none of that.
"""

import html
import json
import pathlib
import subprocess
import tempfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

HERE = pathlib.Path(__file__).resolve().parent
TRUTH = HERE / "truth"

# Which page layout and encoding each article gets.
PAGES = {
    "us-defence-secretary-baghdad": ("a", "utf-8"),
    "king-salman-defence-minister": ("b", "windows-1256"),
    "yemen-iranian-weapons": ("a", "windows-1256"),
    "lebanon-interior-minister": ("b", "utf-8"),
}

NAV = ["الرئيسية", "أخبار", "اقتصاد", "رياضة", "ثقافة وفنون", "رأي", "منوعات", "فيديو"]
READ_ALSO = [
    "أسعار النفط تتراجع مع ارتفاع المخزونات الأميركية",
    "مهرجان للتمور في القصيم يجذب آلاف الزوار",
    "الهلال يتعاقد مع مدافع برازيلي لموسمين",
]
MOST_READ = [
    "تعرف على حالة الطقس في عطلة نهاية الأسبوع",
    "وزارة التعليم تعلن مواعيد العام الدراسي الجديد",
    "خمس نصائح لحماية هاتفك من الاختراق",
    "افتتاح أكبر مركز تجاري في المنطقة الشرقية",
]
COMMENTS = [
    ("أبو محمد", "مقال رائع، شكرا للكاتب على هذا التحليل."),
    ("سارة", "أتفق مع ما جاء في المقال لكن الحل ليس بهذه السهولة."),
]


def article_paragraphs(article):
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in article["paragraphs"])


def layout_a(article, charset):
    title = html.escape(article["title"])
    url = html.escape(article["url"])
    author = html.escape(article["author"])
    date = article["date"]
    nav = "".join(f'<li><a href="/section/{i}">{n}</a></li>' for i, n in enumerate(NAV))
    read_also = "".join(f'<li><a href="/home/article/{400000 + i}">{t}</a></li>' for i, t in enumerate(READ_ALSO))
    most = "".join(f'<li><a href="/home/article/{410000 + i}">{t}</a></li>' for i, t in enumerate(MOST_READ))
    comments = "".join(
        f'<div class="comment"><span class="comment-author">{a}</span><p>{c}</p></div>' for a, c in COMMENTS
    )
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article["title"],
            "datePublished": f"{date}T09:15:00+03:00",
            "author": {"@type": "Person", "name": article["author"]},
            "publisher": {"@type": "Organization", "name": "الشرق الأوسط"},
        },
        ensure_ascii=False,
    )
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title} | الشرق الأوسط</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="الشرق الأوسط">
<meta property="og:url" content="{url}">
<meta property="og:type" content="article">
<meta name="description" content="{html.escape(article['paragraphs'][0][:120])}">
<link rel="canonical" href="{url}">
<style>body {{ font-family: 'Noto Naskh Arabic', serif; }} .share a {{ margin: 4px; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());</script>
<script type="application/ld+json">{ld}</script>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">الشرق الأوسط</a></div>
  <nav class="main-menu"><ul>{nav}</ul></nav>
  <div class="search"><form action="/search"><input name="q" placeholder="بحث"></form></div>
</header>
<div class="breadcrumb"><a href="/">الرئيسية</a> › <a href="/section/1">أخبار</a> › <span>العالم العربي</span></div>
<main>
<article class="node-article">
  <h1 class="article-title">{title}</h1>
  <div class="byline"><span class="author">{author}</span> <time datetime="{date}T09:15:00+03:00">{date}</time></div>
  <div class="share"><a href="#">فيسبوك</a><a href="#">تويتر</a><a href="#">واتساب</a><a href="#">طباعة</a></div>
  <div class="article-body">
{article_paragraphs(article)}
  </div>
  <div class="tags"><a href="/tag/1">السياسة</a> <a href="/tag/2">الشرق الأوسط</a></div>
</article>
<section class="read-also"><h3>اقرأ أيضاً</h3><ul>{read_also}</ul></section>
<section id="comments"><h3>التعليقات</h3>{comments}</section>
</main>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ol>{most}</ol>
<div class="newsletter">اشترك في النشرة البريدية لتصلك أهم الأخبار يوميا</div></aside>
<footer class="site-footer"><p>جميع الحقوق محفوظة لصحيفة الشرق الأوسط © 2015</p>
<ul><li><a href="/about">من نحن</a></li><li><a href="/contact">اتصل بنا</a></li><li><a href="/privacy">سياسة الخصوصية</a></li></ul></footer>
<script src="/js/main.js"></script>
<script>var related = ["{READ_ALSO[0]}"]; console.log(related.length);</script>
</body>
</html>
"""


def layout_b(article, charset):
    """A plainer site: tables for layout, no Open Graph, the date in a <time>."""
    title = html.escape(article["title"])
    date = article["date"]
    menu = " | ".join(f'<a href="/s{i}.html">{n}</a>' for i, n in enumerate(NAV))
    related = "".join(f'<div class="related-item"><a href="/r{i}.html">{t}</a></div>' for i, t in enumerate(READ_ALSO))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" dir="rtl">
<head>
<meta charset="{charset}" />
<title>{title} - أخبار الخليج</title>
<link rel="canonical" href="{html.escape(article['url'])}" />
<meta property="article:published_time" content="{date}T07:00:00Z" />
</head>
<body>
<div id="top-menu">{menu}</div>
<table width="100%"><tr>
<td class="right-column" width="70%">
  <div class="post">
    <h1>{title}</h1>
    <div class="meta">نشر في <time datetime="{date}">{date}</time> — {html.escape(article['author'])}</div>
    <div class="entry">
{article_paragraphs(article)}
    </div>
    <div class="social-share">شارك: <a href="#">تويتر</a> <a href="#">فيسبوك</a></div>
  </div>
  <div class="related-posts"><h4>مواضيع ذات صلة</h4>{related}</div>
  <div class="comments-area"><h4>أضف تعليقك</h4><form><textarea></textarea><button>إرسال</button></form></div>
</td>
<td class="left-column" width="30%">
  <div class="widget"><h4>الأكثر قراءة</h4>{"".join(f"<p><a href='/m{i}.html'>{t}</a></p>" for i, t in enumerate(MOST_READ))}</div>
  <div class="widget ad">إعلان</div>
</td>
</tr></table>
<div id="footer">© أخبار الخليج 2015 — جميع الحقوق محفوظة</div>
<script type="text/javascript">document.write('<div class="ad-slot"></div>');</script>
</body>
</html>
"""


def write_pages(name, article):
    layout, charset = PAGES[name]
    page = (layout_a if layout == "a" else layout_b)(article, charset)
    (HERE / f"{name}.html").write_bytes(page.encode(charset, errors="xmlcharrefreplace"))


def rtl(paragraph):
    """Marks a python-docx paragraph right-to-left, as Word does for Arabic."""
    ppr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    ppr.append(bidi)
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        rpr.append(OxmlElement("w:rtl"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def write_docx(name, article):
    document = docx.Document()
    document.core_properties.title = article["title"]
    document.core_properties.author = article["author"] or "الشرق الأوسط"
    import datetime

    document.core_properties.created = datetime.datetime.fromisoformat(article["date"] + "T08:00:00")
    rtl(document.add_heading(article["title"], level=1))
    byline = document.add_paragraph(article["author"] or "الشرق الأوسط")
    rtl(byline)
    for text in article["paragraphs"]:
        rtl(document.add_paragraph(text))
    rtl(document.add_paragraph("المصدر: صحيفة الشرق الأوسط", style="List Bullet"))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "الصحيفة"
    table.cell(0, 1).text = "الشرق الأوسط"
    table.cell(1, 0).text = "التاريخ"
    table.cell(1, 1).text = article["date"]
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                rtl(p)
    document.save(HERE / f"{name}.docx")


def write_pdf(name, article):
    body = article_paragraphs(article)
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(article['title'])}</title>
<style>
body {{ font-family: 'Noto Naskh Arabic'; font-size: 14pt; line-height: 1.6; text-align: justify; margin: 0 1cm; }}
h1 {{ font-size: 20pt; text-align: right; }}
.meta {{ color: #555; }}
</style></head>
<body><h1>{html.escape(article['title'])}</h1>
<p class="meta">{html.escape(article['author'])}</p>
{body}
</body></html>
"""
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / f"{name}.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--print-to-pdf={HERE / (name + '.pdf')}",
                source.as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def write_scan():
    """A page that is only a picture, as a scanner's PDF is: no text layer."""
    import base64
    import zlib
    import struct

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    width, height = 400, 300
    rows = b"".join(b"\x00" + bytes((x * 255 // width) for x in range(width)) for _ in range(height))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    page = f'<html><body style="margin:0"><img src="data:image/png;base64,{base64.b64encode(png).decode()}"></body></html>'
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "scan.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={HERE / 'scan.pdf'}", source.as_uri()],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )


# Lines where directions mix: Latin names, numbers with signs, brackets,
# an address, a phone number; and an English report quoting Arabic.
MIXED = {
    "mixed-ar": ("rtl", "ar", [
        "نقلت وكالة Reuters للأنباء عن وزير الدفاع Ashton Carter قوله في 23 يوليو (تموز) 2015 إن نسبة 45.5% من القوات جاهزة، وإن موقع www.defense.gov نشر البيان كاملاً مع رقم الهاتف +1-703-571-3343 للاستفسار.",
        "وأضاف أن \"الولايات المتحدة\" ستواصل دعمها [للحلفاء] في المنطقة {حسب البيان}.",
    ]),
    "mixed-en": ("ltr", "en", [
        "The Saudi Press Agency (واس) reported on 23 July 2015 that King Salman received US Defence Secretary Ashton Carter at Al-Salam Palace in Jeddah, where they reviewed bilateral relations and the situation in the region.",
        "Carter said the talks focused on security ties; the agency quoted him as saying that Iran's ability to threaten the region was a concern shared by both sides.",
    ]),
}


def write_mixed():
    for name, (direction, lang, paragraphs) in MIXED.items():
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        page = f"""<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><title>{name}</title>
<style>body {{ font-family: 'Noto Naskh Arabic', 'Noto Serif', serif; font-size: 14pt; text-align: justify; margin: 0 2cm; }}</style></head>
<body>{body}</body></html>"""
        with tempfile.TemporaryDirectory() as tmp:
            source = pathlib.Path(tmp) / f"{name}.html"
            source.write_text(page, encoding="utf-8")
            subprocess.run(
                ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 f"--print-to-pdf={HERE / (name + '.pdf')}", source.as_uri()],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        (HERE / f"{name}.expected").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def write_columns(name, article):
    """A bulletin set in two columns (the right one read first), the way
    monitoring reports often are."""
    body = article_paragraphs(article)
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(article['title'])}</title>
<style>
body {{ font-family: 'Noto Naskh Arabic'; font-size: 12pt; text-align: justify; }}
.columns {{ column-count: 2; column-gap: 1cm; }}
</style></head>
<body><h1>{html.escape(article['title'])}</h1><div class="columns">{body}</div></body></html>
"""
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / f"{name}.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={HERE / (name + '.columns.pdf')}", source.as_uri()],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )


def main():
    write_scan()
    write_mixed()
    columns = "us-defence-secretary-baghdad"
    write_columns(columns, json.loads((TRUTH / f"{columns}.json").read_text(encoding="utf-8")))
    for path in sorted(TRUTH.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        name = path.stem
        write_pages(name, article)
        write_docx(name, article)
        write_pdf(name, article)
        print(name)


if __name__ == "__main__":
    main()
