//! Starting the window: eframe's glue, the first-run screen, the sample
//! project, settings remembered between runs.

use super::intents::{FileCommand, Intent, Intents};
use super::window::{
    ANALYST_KEY, FONT_SIZE_KEY, HEADLINE_KEY, MAX_FONT_SIZE, MIN_FONT_SIZE, RECENT_KEY, WarraqApp,
    ZOOM_KEY,
};
use super::{autosave, files, fonts};
use crate::app::{Action, App};
use crate::model::ArticleId;
use std::path::Path;

/// The sample project, built into the program so that a copied or
/// installed binary still has it.
pub const SAMPLE_PROJECT: &str = include_str!("../../projects/gulf-crisis-sample.warraq.ron");

/// What an empty window offers: the sample, a project, or articles to import.
pub(super) fn first_run(ui: &mut egui::Ui, intents: &mut Intents) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 4.0);
        ui.heading("Warraq");
        ui.label("Read news articles side by side and code their actors, claims and relations.");
        ui.add_space(12.0);
        if ui
            .button("Open the sample project")
            .on_hover_text("Two Arabic reports on Qatar (2017, 2020), already coded; opens as an untitled copy")
            .clicked()
        {
            intents.push(Intent::File(FileCommand::OpenSample));
        }
        if ui
            .button("Open a project…")
            .on_hover_text("A *.warraq.ron file (Ctrl+O)")
            .clicked()
        {
            intents.push(Intent::File(FileCommand::Open));
        }
        if ui
            .button("Import articles…")
            .on_hover_text("Saved web pages, Word files, PDFs or text files (or folders of them), checked in a preview before they are added")
            .clicked()
        {
            intents.push(Intent::File(FileCommand::ImportText));
        }
    });
}

impl eframe::App for WarraqApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, FONT_SIZE_KEY, &self.reading.reader_style.font_size);
        eframe::set_value(storage, RECENT_KEY, &self.files.recent);
        eframe::set_value(storage, ANALYST_KEY, &self.app.session.analyst);
        eframe::set_value(storage, HEADLINE_KEY, &self.headline);
        eframe::set_value(storage, ZOOM_KEY, &self.zoom);
        if let Some(key) = self.panes_key() {
            let open: Vec<Option<String>> = self
                .reading
                .panes
                .iter()
                .map(|p| p.article.as_ref().map(ToString::to_string))
                .collect();
            eframe::set_value(storage, &key, &(open, self.reading.second_pane_open));
        }
    }
}

impl WarraqApp {
    /// Where the open articles of this project are remembered.
    fn panes_key(&self) -> Option<String> {
        let path = self.app.document().path()?;
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        Some(format!("panes:{}", path.display()))
    }

    fn restore_panes(&mut self, storage: &dyn eframe::Storage) {
        let Some(key) = self.panes_key() else {
            return;
        };
        let Some((open, second)) = eframe::get_value::<(Vec<Option<String>>, bool)>(storage, &key)
        else {
            return;
        };
        for (pane, article) in self.reading.panes.iter_mut().zip(open) {
            if let Some(id) = article.map(ArticleId::new)
                && self.app.document().project().article(&id).is_some()
            {
                pane.article = Some(id);
            }
        }
        self.reading.second_pane_open = second;
    }
}

/// Fonts and options every context needs, the window's and the tests' alike.
pub fn setup_context(ctx: &egui::Context) {
    fonts::install(ctx);
    // Ctrl +/- sizes the article text, not the whole interface.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

/// On Linux, OpenGL: it is everywhere (Mesa renders it in software on machines
/// with no GPU, where trying Vulkan first was seen to hang before the window
/// opened), and egui needs nothing more. `WGPU_BACKEND` still overrides it.
pub(super) fn wgpu_options() -> eframe::egui_wgpu::WgpuConfiguration {
    let mut options = eframe::egui_wgpu::WgpuConfiguration::default();
    if cfg!(target_os = "linux")
        && std::env::var_os("WGPU_BACKEND").is_none()
        && let eframe::egui_wgpu::WgpuSetup::CreateNew(setup) = &mut options.wgpu_setup
    {
        setup.instance_descriptor.backends = eframe::wgpu::Backends::GL;
    }
    options
}

/// Starts the window, opening `file` if given (a double-click passes it here).
pub fn run(file: Option<&Path>) -> anyhow::Result<std::process::ExitCode> {
    let app = App::default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.document().window_title())
            .with_app_id("warraq")
            .with_inner_size([1400.0, 850.0]),
        wgpu_options: wgpu_options(),
        ..Default::default()
    };
    eframe::run_native(
        "Warraq",
        options,
        Box::new(|cc| {
            setup_context(&cc.egui_ctx);
            let mut window = WarraqApp::new(app);
            match file {
                // "Open with Warraq" on a text file: a new project with that article.
                Some(path)
                    if path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("txt")) =>
                {
                    window.apply_action(Action::ImportText(
                        vec![path.to_path_buf()],
                        window.headline,
                    ));
                    window.reset_panes();
                }
                // A web page, Word file or PDF: a new project, the article in the preview.
                Some(path) if crate::extract::is_article_file(path) => {
                    window.import_files(vec![path.to_path_buf()]);
                }
                Some(path) => window.open_project(path),
                None => {}
            }
            if let Some(store) = crate::store::recovery::RecoveryStore::default_location() {
                window = window.with_autosave(autosave::Autosave::new(store));
            }
            if let Some(storage) = cc.storage {
                if let Some(size) = eframe::get_value::<f32>(storage, FONT_SIZE_KEY) {
                    window.reading.reader_style.font_size =
                        size.clamp(MIN_FONT_SIZE, MAX_FONT_SIZE);
                }
                window.restore_panes(storage);
                window.files.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
                window.headline = eframe::get_value(storage, HEADLINE_KEY).unwrap_or_default();
                window.zoom = eframe::get_value::<f32>(storage, ZOOM_KEY)
                    .unwrap_or(1.0)
                    .clamp(0.5, 2.0);
                match eframe::get_value::<String>(storage, ANALYST_KEY)
                    .filter(|a| !a.trim().is_empty())
                {
                    Some(analyst) => window.app.session.analyst = analyst,
                    // Never named yet: asked, prefilled with the account's name.
                    None => {
                        window.popups.ask_analyst = std::env::var_os("WARRAQ_ANALYST").is_none();
                    }
                }
                if let Some(path) = window
                    .app
                    .document()
                    .path()
                    .map(std::path::Path::to_path_buf)
                {
                    files::remember(&mut window.files.recent, &path);
                }
            }
            Ok(Box::new(window))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot start the window: {e}"))?;
    Ok(std::process::ExitCode::SUCCESS)
}
