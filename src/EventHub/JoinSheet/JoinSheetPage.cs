using System.Net;
using System.Text;
using EventHub.Domain.Seeds;
using QRCoder;

namespace EventHub.JoinSheet;

/// <summary>
/// The join sheets as one HTML document, one A4 page per site, with each QR code inline as SVG (no image files,
/// nothing fetched): the browser prints it, or saves it as PDF, as it is.
/// </summary>
public sealed class JoinSheetPage
{
    /// <param name="Link">The phone page's address with the site and its join code (<see cref="JoinSheetEndpoint.JoinLink"/>).</param>
    public sealed record Sheet(BridgeSite Site, string JoinCode, string Link);

    /// <summary>The QR code of a link as an SVG that scales to its box. Medium error correction survives a crumpled print.</summary>
    public static string QrSvg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        // Inline in HTML: an XML declaration, if any, has no place there.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    public static string Render(ForumSeed forum, IReadOnlyList<Sheet> sheets, bool english)
    {
        var text = english ? Texts.En : Texts.Vi;
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="{(english ? "en" : "vi")}">
            <head>
            <meta charset="utf-8">
            <title>{E(sheets.Count == 1 ? string.Format(text.TitleOne, sheets[0].Site.Name) : string.Format(text.TitleAll, sheets.Count))}</title>
            <style>{Style}</style>
            </head>
            <body>
            <p class="screen-only">{E(text.PrintHint)}</p>
            """);
        foreach (var sheet in sheets)
        {
            html.Append($"""
                <section class="sheet" data-site="{E(sheet.Site.Code)}">
                <p class="forum">{E(english ? forum.TitleEn : forum.Title)}</p>
                <h1>{E(text.Heading)}</h1>
                <p class="site">{E(string.Format(text.Site, sheet.Site.Name))}</p>
                <div class="qr" role="img" aria-label="{E(string.Format(text.QrLabel, sheet.Site.Name))}">{QrSvg(sheet.Link)}</div>
                <p class="link"><a href="{E(sheet.Link)}">{E(sheet.Link)}</a></p>
                <p class="code">{E(text.JoinCode)} <strong>{E(sheet.JoinCode)}</strong></p>
                <ol class="steps">{string.Concat(text.Steps.Select(s => $"<li>{E(s)}</li>"))}</ol>
                <p class="note">{E(text.Note)}</p>
                </section>
                """);
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    static string E(string value) => WebUtility.HtmlEncode(value);

    /// <summary>A4 portrait, one site per page; on screen the pages are framed so the moderator sees where one ends.</summary>
    const string Style = """
        @page { size: A4 portrait; margin: 14mm; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #000; background: #fff; }
        .sheet { height: 265mm; padding: 6mm 4mm; text-align: center; break-after: page; page-break-after: always; overflow: hidden; }
        .sheet:last-of-type { break-after: auto; page-break-after: auto; }
        .forum { font-size: 12pt; margin: 0 0 3mm; }
        h1 { font-size: 22pt; margin: 0 0 4mm; }
        .site { font-size: 30pt; font-weight: 800; margin: 0 0 6mm; }
        .qr { width: 105mm; height: 105mm; margin: 0 auto; }
        .qr svg { width: 100%; height: 100%; display: block; }
        .link { font: 12pt monospace; word-break: break-all; margin: 4mm 8mm 2mm; }
        .link a { color: #000; text-decoration: none; }
        .code { font-size: 14pt; margin: 0 0 5mm; }
        .code strong { font-family: monospace; font-size: 18pt; letter-spacing: .12em; }
        .steps { text-align: left; font-size: 14pt; line-height: 1.5; margin: 0 12mm; padding-left: 8mm; }
        .note { font-size: 11pt; margin: 5mm 12mm 0; }
        .screen-only { font: 12pt sans-serif; padding: 4mm; background: #fff3bf; margin: 0; }
        @media screen { body { background: #dee2e6; } .sheet { width: 210mm; margin: 6mm auto; background: #fff; box-shadow: 0 0 3mm #868e96; } }
        @media print { .screen-only { display: none; } }
        """;

    sealed record Texts(string TitleOne, string TitleAll, string PrintHint, string Heading, string Site, string QrLabel,
        string JoinCode, string[] Steps, string Note)
    {
        public static readonly Texts Vi = new(
            "Phiếu tham gia — {0}", "Phiếu tham gia — {0} điểm cầu",
            "Mỗi điểm cầu một trang A4. In bằng Ctrl+P (hoặc lưu thành PDF).",
            "Tham gia tọa đàm trên điện thoại", "Điểm cầu {0}", "Mã QR tham gia của điểm cầu {0}",
            "Mã tham gia:",
            [
                "Mở camera của điện thoại và quét mã QR (hoặc gõ đường dẫn bên trên).",
                "Nhập họ tên (và cơ quan, nếu muốn), rồi bấm “Tham gia”.",
                "Theo dõi người phát biểu, gửi câu hỏi hoặc đề xuất, và bình chọn câu hỏi bạn quan tâm.",
            ],
            "Mã này dành cho đại biểu tại điểm cầu ghi trên phiếu. Mở lại trang trên cùng điện thoại, bạn vẫn là đại biểu cũ.");

        public static readonly Texts En = new(
            "Join sheet — {0}", "Join sheets — {0} bridge points",
            "One A4 page per bridge point. Print with Ctrl+P (or save as PDF).",
            "Join the forum on your phone", "Bridge point {0}", "QR code to join at bridge point {0}",
            "Join code:",
            [
                "Open your phone's camera and scan the QR code (or type the link above).",
                "Enter your name (and your agency, if you wish), then press “Join”.",
                "Follow the speakers, send a question or a proposal, and vote for the questions you care about.",
            ],
            "This code is for the delegates at the bridge point named on this sheet. Reopen the page on the same phone and you are still the same delegate.");
    }
}
