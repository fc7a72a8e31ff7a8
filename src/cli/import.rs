//! `warraq import` and `warraq import-text`: articles and other tools' coding into a project, through the edit path.

use super::{err, load_or_new, out, summary};
use crate::model::IdGenerator;
use crate::store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn import(
    project_path: &Path,
    files: &[PathBuf],
    options: crate::exchange::import::Options,
) -> anyhow::Result<ExitCode> {
    let (project, stamp) = load_or_new(project_path)?;
    if let Some(same) = files.iter().find(|f| store::same_file(f, project_path)) {
        anyhow::bail!(
            "{}: that is the project itself; name the files to bring into it",
            same.display()
        );
    }
    let imported =
        match crate::exchange::import::import(&project, files, options, &mut IdGenerator::new()) {
            Ok(imported) => imported,
            Err(e) => {
                err(&format!(
                    "{}: {e}\nnothing was saved",
                    project_path.display()
                ));
                return Ok(ExitCode::FAILURE);
            }
        };
    let mut report = imported.report();
    let all_read = imported.failed.is_empty();
    // Through the edit path, as in the window.
    let mut app = crate::app::App::new(project);
    app.edit(crate::model::edit::Edit::Import(Box::new(imported.project)))?;
    store::save(app.document().project(), project_path, stamp.as_ref())?;
    report[0] = format!("{}: {}", project_path.display(), report[0]);
    out(&report[0])?;
    for line in &report[1..] {
        err(line);
    }
    Ok(if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub(super) fn import_text(
    project_path: &Path,
    files: &[PathBuf],
    headline: store::Headline,
) -> anyhow::Result<ExitCode> {
    let (project, stamp) = load_or_new(project_path)?;
    // What can be read comes in; what cannot is listed; the project is saved once.
    let mut read = Vec::new();
    let mut articles = Vec::new();
    let mut failed = 0;
    for file in files {
        match store::read_text_article(file, headline) {
            Ok((article, note)) => {
                if let Some(note) = note {
                    err(&format!("{}: {note}", file.display()));
                }
                read.push(file);
                articles.push(article);
            }
            Err(e) => {
                failed += 1;
                err(&format!("not imported: {e}"));
            }
        }
    }
    if articles.is_empty() {
        err(&format!(
            "{}: nothing imported, so nothing was saved",
            project_path.display()
        ));
        return Ok(ExitCode::FAILURE);
    }
    // Through the edit path, as in the window: the articles carry who added them.
    let mut app = crate::app::App::new(project);
    let made = app.edit(crate::model::edit::Edit::AddArticles(articles))?;
    let project = &app.document().project();
    let imported: Vec<_> = read.into_iter().zip(made.articles).collect();
    store::save(project, project_path, stamp.as_ref())?;
    for (file, id) in &imported {
        let title = project
            .article(id)
            .map(|a| a.title.as_str())
            .unwrap_or_default();
        out(&format!("{}: imported as {id}: {title}", file.display()))?;
    }
    out(&format!(
        "{}: saved with {} new article{}{}: {}",
        project_path.display(),
        imported.len(),
        if imported.len() == 1 { "" } else { "s" },
        if failed > 0 {
            format!(
                " ({failed} file{} could not be read, listed above)",
                if failed == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
        summary(project)
    ))?;
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
