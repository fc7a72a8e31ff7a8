//! A report in one HTML file: each article with its highlights coloured and a
//! legend, right to left where the text is, then the actors and the relations.
//! It opens in any browser with nothing beside it.

use crate::model::{Project, Tag, text::CharIndex};
use std::fmt::Write as _;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A date isolated left to right, so that inside an Arabic line
/// "2020-07-26" does not read "26-07-2020".
fn date_cell(date: Option<crate::model::Date>) -> String {
    date.map_or_else(String::new, |d| format!("<bdi dir=\"ltr\">{d}</bdi>"))
}

fn dir_of(language: &str) -> &'static str {
    if matches!(language, "ar" | "fa" | "ur" | "he") {
        "rtl"
    } else {
        "ltr"
    }
}

/// The body with each highlight wrapped in a `<mark>`; overlapping highlights
/// are cut at every boundary so the marks nest properly.
fn marked_body(
    project: &Project,
    article: &crate::model::Article,
    highlights: &[&crate::model::Highlight],
) -> String {
    let mut cuts: Vec<usize> = highlights
        .iter()
        .flat_map(|h| [h.span.start, h.span.end])
        .collect();
    cuts.push(0);
    let index = CharIndex::new(&article.body);
    cuts.push(index.char_len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(bytes) = index.byte_range(start..end) else {
            continue;
        };
        let piece = escape(&article.body[bytes]).replace('\n', "<br>\n");
        let covering: Vec<_> = highlights
            .iter()
            .filter(|h| h.span.start <= start && end <= h.span.end)
            .collect();
        if covering.is_empty() {
            out.push_str(&piece);
            continue;
        }
        let classes: Vec<&str> = covering
            .iter()
            .map(|h| match h.tag {
                Tag::Actor(_) => "actor",
                Tag::Claim(_) => "claim",
                Tag::Evidence => "evidence",
            })
            .collect();
        let titles: Vec<String> = covering
            .iter()
            .map(|h| match &h.tag {
                Tag::Actor(a) => format!(
                    "actor: {}",
                    project.actor(a).map_or("", |a| a.name.as_str())
                ),
                Tag::Claim(c) => format!(
                    "claim: {}",
                    project.claim(c).map_or("", |c| project.claim_text(c))
                ),
                Tag::Evidence => "evidence".to_owned(),
            })
            .collect();
        let _ = write!(
            out,
            "<mark class=\"{}\" data-depth=\"{}\" title=\"{}\">{piece}</mark>",
            classes.join(" "),
            covering.len().min(3),
            escape(&titles.join(" · "))
        );
    }
    out
}

pub fn html_report(project: &Project) -> String {
    html_report_with(project, None)
}

/// The report with a section on how far analysts agree (`project` first
/// among them), as `warraq agreement --html` writes it.
pub fn html_report_with_agreement(
    project: &Project,
    others: &[&Project],
    names: &[String],
) -> String {
    let mut all = vec![project];
    all.extend_from_slice(others);
    let copies = crate::agreement::aligned_copies(&all);
    let all: Vec<&Project> = copies.iter().collect();
    let mut section = String::from(
        "<h2>Agreement</h2>\n<table>\n<tr><th>Figure</th><th>Tag</th><th>Value</th></tr>\n",
    );
    let value = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    for kind in crate::agreement::TagKind::ALL {
        let _ = writeln!(
            section,
            "<tr><td>Krippendorff's α over code points</td><td>{}</td><td>{}</td></tr>",
            kind.label(),
            value(crate::agreement::reliability::alpha_codepoint(&all, kind))
        );
        let _ = writeln!(
            section,
            "<tr><td>Krippendorff's unitizing α (αu)</td><td>{}</td><td>{}</td></tr>",
            kind.label(),
            value(crate::agreement::reliability::alpha_u(&all, kind))
        );
    }
    let kappa = if all.len() == 2 {
        (
            "Cohen's κ",
            crate::agreement::reliability::cohen_kappa(all[0], all[1]),
        )
    } else {
        (
            "Fleiss' κ",
            crate::agreement::reliability::fleiss_kappa(&all),
        )
    };
    let _ = writeln!(
        section,
        "<tr><td>{} on the actor at spans all highlighted</td><td>actor</td><td>{}</td></tr>\n</table>",
        kappa.0,
        value(kappa.1)
    );
    let _ = writeln!(
        section,
        "<p>Analysts: {}.</p>",
        names
            .iter()
            .map(|n| escape(n))
            .collect::<Vec<_>>()
            .join(", ")
    );
    html_report_with(project, Some(&section))
}

fn html_report_with(project: &Project, extra: Option<&str>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n\
         body {{ font-family: 'Noto Naskh Arabic', 'Noto Sans', 'Segoe UI', Tahoma, sans-serif; margin: 2em auto; max-width: 60em; line-height: 1.8; }}\n\
         mark {{ border-radius: 3px; padding: 0 1px; color: inherit; }}\n\
         mark.actor {{ background: rgba(66,135,245,.28); }} mark.claim {{ background: rgba(245,150,40,.32); }} mark.evidence {{ background: rgba(60,180,90,.18); }}\n\
         mark[data-depth=\"2\"] {{ outline: 1px solid rgba(0,0,0,.25); }} mark[data-depth=\"3\"] {{ outline: 2px solid rgba(0,0,0,.35); }}\n\
         .legend span {{ margin-inline-end: 1.5em; }} article {{ border-top: 1px solid #ccc; padding-top: 1em; }}\n\
         table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #ccc; padding: .3em .5em; text-align: start; vertical-align: top; }}\n\
         .meta {{ color: #666; }}\n</style>\n</head>\n<body>\n<h1 dir=\"auto\">{}</h1>\n<p dir=\"auto\">{}</p>\n\
         <p class=\"legend\"><span><mark class=\"actor\">actor</mark></span><span><mark class=\"claim\">claim</mark></span><span><mark class=\"evidence\">evidence</mark></span></p>\n",
        escape(&project.title),
        escape(&project.title),
        escape(&project.description)
    );
    let by_article = super::highlights_by_article(project);
    for article in &project.articles {
        let dir = dir_of(&article.language);
        let highlights = by_article.get(&article.id).map_or(&[][..], Vec::as_slice);
        let _ = write!(
            out,
            "<article id=\"{}\" dir=\"{dir}\" lang=\"{}\">\n<h2>{}</h2>\n<p class=\"meta\">{} {}</p>\n<p>{}</p>\n</article>\n",
            escape(article.id.as_str()),
            escape(&article.language),
            escape(&article.title),
            escape(&article.outlet),
            date_cell(article.published),
            marked_body(project, article, highlights)
        );
    }
    out.push_str("<h2>Actors</h2>\n<table>\n<tr><th>Name</th><th>Kind</th><th>Aliases</th><th>Gloss</th></tr>\n");
    for a in &project.actors {
        let _ = writeln!(
            out,
            "<tr><td dir=\"auto\">{}</td><td>{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td></tr>",
            escape(&a.name),
            a.kind.label(),
            escape(&a.aliases.join("، ")),
            escape(&a.gloss)
        );
    }
    out.push_str("</table>\n<h2>Claims</h2>\n<table>\n<tr><th>Claim</th><th>Speaker</th><th>Stance</th><th>Quote</th></tr>\n");
    for c in &project.claims {
        let tag = Tag::Claim(c.id.clone());
        let quotes: Vec<String> = project
            .highlights
            .iter()
            .filter(|h| h.tag == tag)
            .map(|h| {
                let speech = h
                    .speech
                    .map_or(String::new(), |s| format!(" ({})", s.label()));
                format!("<bdi>{}</bdi>{speech}", escape(&h.quote))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr class=\"claim\"><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td>{}</td><td dir=\"auto\">{}</td></tr>",
            escape(project.claim_text(c)),
            escape(
                c.speaker
                    .as_ref()
                    .and_then(|s| project.actor(s))
                    .map_or("", |a| a.name.as_str())
            ),
            c.stance.label(),
            quotes.join("<br>")
        );
    }
    out.push_str("</table>\n<h2>Relations</h2>\n<table>\n<tr><th>Source</th><th>Relation</th><th>Target</th><th>Date</th><th>Article</th><th>Evidence</th><th>Note</th></tr>\n");
    for r in &project.relations {
        let actor = |id| project.actor(id).map_or("", |a| a.name.as_str());
        let _ = writeln!(
            out,
            "<tr class=\"relation\"><td dir=\"auto\">{}</td><td>{}</td><td dir=\"auto\">{}</td><td>{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td></tr>",
            escape(actor(&r.source)),
            escape(
                project
                    .relation_type(&r.kind)
                    .map_or(r.kind.as_str(), |t| t.label.as_str())
            ),
            escape(actor(&r.target)),
            date_cell(r.date),
            escape(
                &r.articles()
                    .filter_map(|a| project.article(a))
                    .map(|a| a.title.as_str())
                    .collect::<Vec<_>>()
                    .join(super::csv_export::SEPARATOR)
            ),
            escape(&project.cited_quotes(r).join(super::csv_export::SEPARATOR)),
            escape(&r.note)
        );
    }
    out.push_str("</table>\n");
    if let Some(extra) = extra {
        out.push_str(extra);
    }
    out.push_str("</body>\n</html>\n");
    out
}
