//! The list of the project's articles: date, title and how much is coded,
//! in the order the analyst chose (by date unless told otherwise).

use super::bidi_label;
use super::derived::Derived;
use super::intents::{Intent, Intents};
use super::text_resources::TextResources;
use crate::model::{ArticleId, Project};
use egui::{Sense, vec2};

const ROW_HEIGHT: f32 = 44.0;

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArticleOrder {
    /// Oldest first; undated articles last, in the order they were added.
    #[default]
    DateOldest,
    /// Newest first; undated articles last, in the order they were added.
    DateNewest,
    /// As they were added to the project (the file's order).
    Added,
    /// By title, as the language's letters sort (Arabic folded).
    Title,
}

impl ArticleOrder {
    const ALL: [Self; 4] = [Self::DateOldest, Self::DateNewest, Self::Added, Self::Title];

    pub fn label(self) -> &'static str {
        match self {
            Self::DateOldest => "date, oldest first",
            Self::DateNewest => "date, newest first",
            Self::Added => "order added",
            Self::Title => "title",
        }
    }

    /// The articles' positions in the project, in this order.
    pub fn rows(self, project: &Project) -> Vec<usize> {
        let articles = &project.articles;
        let mut rows: Vec<usize> = (0..articles.len()).collect();
        match self {
            Self::Added => {}
            // Stable sorts: equal keys keep the order added.
            Self::DateOldest => {
                rows.sort_by_key(|&i| (articles[i].published.is_none(), articles[i].published));
            }
            Self::DateNewest => rows.sort_by_key(|&i| {
                (
                    articles[i].published.is_none(),
                    std::cmp::Reverse(articles[i].published),
                )
            }),
            Self::Title => {
                rows.sort_by_cached_key(|&i| crate::model::arabic::fold(&articles[i].title));
            }
        }
        rows
    }
}

/// The article list's state: its order and the rows in that order.
#[derive(Debug, Default)]
pub struct ArticleList {
    pub order: ArticleOrder,
    rows: Derived<(u64, ArticleOrder), Vec<usize>>,
}

impl ArticleList {
    /// The rows as shown: positions in `project.articles`.
    pub fn rows(&mut self, project: &Project, articles_revision: u64) -> &[usize] {
        let order = self.order;
        self.rows
            .get_or_make((articles_revision, order), |_| order.rows(project))
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        (project, articles_revision): (&Project, u64),
        counts: &[usize],
        open: Option<&ArticleId>,
        intents: &mut Intents,
    ) {
        bidi_label::show(ui, text, &project.title, 16.0);
        ui.horizontal(|ui| {
            let label = ui.weak("Sorted by");
            egui::ComboBox::from_id_salt("article-order")
                .selected_text(self.order.label())
                .show_ui(ui, |ui| {
                    for order in ArticleOrder::ALL {
                        ui.selectable_value(&mut self.order, order, order.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.separator();
        let rows = self.rows(project, articles_revision);
        show_rows(ui, text, project, rows, counts, open, intents);
    }
}

fn show_rows(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    order: &[usize],
    counts: &[usize],
    open: Option<&ArticleId>,
    intents: &mut Intents,
) {
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        ROW_HEIGHT,
        order.len(),
        |ui, rows| {
            for &i in &order[rows] {
                let article = &project.articles[i];
                let (rect, response) =
                    ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
                let selected = open == Some(&article.id);
                if selected || response.hovered() {
                    let fill = if selected {
                        ui.visuals().selection.bg_fill
                    } else {
                        ui.visuals().faint_bg_color
                    };
                    ui.painter().rect_filled(rect, 3.0, fill);
                }
                let mut row = ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(4.0)));
                // Selectable labels would take the click meant for the row.
                row.style_mut().interaction.selectable_labels = false;
                row.horizontal(|ui| {
                    ui.label(article.published.map(|d| d.to_string()).unwrap_or_default());
                    ui.weak(format!(
                        "{} highlights",
                        counts.get(i).copied().unwrap_or(0)
                    ));
                    if !article.outlet.is_empty() {
                        bidi_label::show(ui, text, &article.outlet, 13.0);
                    }
                });
                row.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    bidi_label::show(ui, text, &article.title, 14.0);
                });
                let title = article.title.clone();
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &title)
                });
                if response.clicked() {
                    intents.push(Intent::OpenArticle(article.id.clone()));
                }
                if response.double_clicked() {
                    intents.push(Intent::EditArticle(article.id.clone()));
                }
                response.context_menu(|ui| {
                    for (label, command) in [
                        ("Open", Intent::OpenArticle(article.id.clone())),
                        (
                            "Open in the other pane",
                            Intent::OpenInPane(1, article.id.clone()),
                        ),
                        ("Edit details…", Intent::EditArticle(article.id.clone())),
                        ("Delete…", Intent::DeleteArticle(article.id.clone())),
                    ] {
                        if ui.button(label).clicked() {
                            intents.push(command);
                            ui.close();
                        }
                    }
                });
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Date};

    fn project() -> Project {
        let mut project = Project::default();
        for (id, title, date) in [
            ("a", "ياء", Some("2020-05-01")),
            ("b", "ألف", None),
            ("c", "باء", Some("2017-06-05")),
            ("d", "تاء", Some("2020-05-01")),
        ] {
            let mut article = Article::new(id.into(), title, "نص");
            article.published = date.map(|d| d.parse::<Date>().unwrap());
            project.articles.push(article);
        }
        project
    }

    #[test]
    fn by_date_undated_last_and_ties_in_the_order_added() {
        let project = project();
        assert_eq!(ArticleOrder::DateOldest.rows(&project), [2, 0, 3, 1]);
        assert_eq!(ArticleOrder::DateNewest.rows(&project), [0, 3, 2, 1]);
        assert_eq!(ArticleOrder::Added.rows(&project), [0, 1, 2, 3]);
        // Hamza on alif folds to alif: «ألف» first.
        assert_eq!(ArticleOrder::Title.rows(&project), [1, 2, 3, 0]);
    }
}
