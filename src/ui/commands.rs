//! Every command a user gives from the keyboard or a menu, declared once:
//! its name, what it does, its keys and when the keys work. The keyboard
//! map, the menus, the context menus, the tagging pop-up and the shortcut
//! help (F1) all read this table, so a shortcut cannot be documented in
//! one place and bound in another.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    Open,
    Save,
    SaveAs,
    /// Save as a folder: a project file and a file per article.
    SaveAsFolder,
    OpenSample,
    Import,
    ImportArticles,
    PasteArticle,
    ExportForColleague,
    MergeColleague,
    CompareColleague,
    AgreementOfCopies,
    Quit,
    Undo,
    Redo,
    Find,
    LargerText,
    SmallerText,
    DefaultText,
    ShortcutHelp,
    TagExistingActor,
    TagNewActor,
    TagClaim,
    TagEvidence,
    AddRelation,
    CiteForRelation,
    DeleteHighlight,
    HighlightEndLater,
    HighlightEndEarlier,
    HighlightStartEarlier,
    HighlightStartLater,
    /// Alt+Left / Alt+Right: the end moves the way the arrow points on screen
    /// (in right-to-left text Left is later).
    MoveHighlightEnd,
    /// Alt+Shift+Left / Alt+Shift+Right, for the start.
    MoveHighlightStart,
}

/// When a command's keys work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, even while a text field has the keyboard.
    Always,
    /// Not while typing: text fields keep their own undo and letters.
    NotTyping,
    /// On the reader's selection: not while typing, not in a colleague's
    /// read-only pane.
    Coding,
    /// On the selected highlight, when no text is selected.
    Highlight,
}

/// The menu a command belongs to, and its heading in the shortcut help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    File,
    Edit,
    View,
    Code,
    Help,
}

impl Group {
    pub const ALL: [Self; 5] = [Self::File, Self::Edit, Self::View, Self::Code, Self::Help];

    pub fn label(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::View => "View",
            Self::Code => "Code",
            Self::Help => "Help",
        }
    }
}

/// A shortcut as a constant expression, so the table's slices are static.
macro_rules! keys {
    ($modifiers:expr, $key:ident) => {
        KeyboardShortcut {
            modifiers: $modifiers,
            logical_key: Key::$key,
        }
    };
}

const NONE: Modifiers = Modifiers::NONE;
const CTRL: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const ALT_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::ALT
};

impl UiCommand {
    pub const ALL: [Self; 34] = [
        Self::New,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::SaveAsFolder,
        Self::OpenSample,
        Self::Import,
        Self::ImportArticles,
        Self::PasteArticle,
        Self::ExportForColleague,
        Self::MergeColleague,
        Self::CompareColleague,
        Self::AgreementOfCopies,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::LargerText,
        Self::SmallerText,
        Self::DefaultText,
        Self::ShortcutHelp,
        Self::TagExistingActor,
        Self::TagNewActor,
        Self::TagClaim,
        Self::TagEvidence,
        Self::AddRelation,
        Self::CiteForRelation,
        Self::DeleteHighlight,
        Self::HighlightEndLater,
        Self::HighlightEndEarlier,
        Self::HighlightStartEarlier,
        Self::HighlightStartLater,
        Self::MoveHighlightEnd,
        Self::MoveHighlightStart,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::SaveAsFolder => "Keep as a folder of files…",
            Self::OpenSample => "Open the sample project",
            Self::Import => "Import…",
            Self::ImportArticles => "Import articles…",
            Self::ExportForColleague => "Export for a colleague…",
            Self::MergeColleague => "Merge a colleague's copy…",
            Self::CompareColleague => "Compare with a colleague's copy…",
            Self::AgreementOfCopies => "Agreement of several analysts' copies…",
            Self::PasteArticle => "New article from clipboard",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find in the project…",
            Self::LargerText => "Larger article text",
            Self::SmallerText => "Smaller article text",
            Self::DefaultText => "Default article text size",
            Self::ShortcutHelp => "Keyboard shortcuts",
            Self::TagExistingActor => "Tag as an existing actor…",
            Self::TagNewActor => "Tag as a new actor…",
            Self::TagClaim => "Tag as a claim…",
            Self::TagEvidence => "Mark as evidence",
            Self::AddRelation => "Add a relation with this evidence…",
            Self::CiteForRelation => "Cite for the selected relation",
            Self::DeleteHighlight => "Delete the highlight",
            Self::HighlightEndLater => "Highlight: end one character later",
            Self::HighlightEndEarlier => "Highlight: end one character earlier",
            Self::HighlightStartEarlier => "Highlight: start one character earlier",
            Self::HighlightStartLater => "Highlight: start one character later",
            Self::MoveHighlightEnd => "Highlight: move the end as the arrow points",
            Self::MoveHighlightStart => "Highlight: move the start as the arrow points",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::New => "Start a new, empty project",
            Self::Open => "Open a *.warraq.ron project",
            Self::Save => "Save the project (on another thread; the window stays live)",
            Self::SaveAs => "Save the project under another name",
            Self::SaveAsFolder => {
                "Save the project as a folder: a small project file and a file per article, so a corpus of any size stays within what git hosts accept and a save writes only what changed"
            }
            Self::OpenSample => {
                "Two Arabic news reports on Qatar, already coded, as an untitled copy to try things on"
            }
            Self::Import => {
                "Other tools' files (REFI-QDA .qdpx, brat .ann or a folder of them, Warraq .json) and articles, in one step with a report"
            }
            Self::ExportForColleague => {
                "Choose articles; a copy of the project with them and what is coded on them, for a colleague to code"
            }
            Self::MergeColleague => {
                "Bring a colleague's copy into this project: what only they coded comes in; what differs is listed to choose"
            }
            Self::CompareColleague => {
                "How far a colleague's coding of the same articles agrees, each disagreement side by side, and a curated copy"
            }
            Self::AgreementOfCopies => {
                "Krippendorff's alpha and kappa over several analysts' copies at once"
            }
            Self::ImportArticles => {
                "Web pages, Word files, PDFs or text files (or folders of them), checked in a preview before they are added"
            }
            Self::PasteArticle => "A new article from copied text, checked in a preview",
            Self::Quit => "Close the window (asking about unsaved changes)",
            Self::Undo => "Undo the last change to the project",
            Self::Redo => "Redo what was undone",
            Self::Find => "Search every article's text (Arabic-aware)",
            Self::LargerText => "The articles' text, larger",
            Self::SmallerText => "The articles' text, smaller",
            Self::DefaultText => "The articles' text at its usual size",
            Self::ShortcutHelp => "Every command and its keys, searchable",
            Self::TagExistingActor => "The selected text mentions an actor of the codebook",
            Self::TagNewActor => "The selected text names an actor not in the codebook yet",
            Self::TagClaim => "The selected text makes a claim",
            Self::TagEvidence => "The selected text is evidence for relations",
            Self::AddRelation => {
                "A relation between two actors, with the selection as its evidence"
            }
            Self::CiteForRelation => {
                "The selection as one more source of the relation selected in the table"
            }
            Self::DeleteHighlight => "Delete the selected highlight (Undo brings it back)",
            Self::HighlightEndLater => "Lengthen the selected highlight by a character at its end",
            Self::HighlightEndEarlier => "Shorten the selected highlight by a character at its end",
            Self::HighlightStartEarlier => {
                "Lengthen the selected highlight by a character at its start"
            }
            Self::HighlightStartLater => {
                "Shorten the selected highlight by a character at its start"
            }
            Self::MoveHighlightEnd => {
                "Move the selected highlight's end the way the arrow points on screen (in Arabic, Left is later)"
            }
            Self::MoveHighlightStart => {
                "Move the selected highlight's start the way the arrow points on screen"
            }
        }
    }

    /// The keys, the first one shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::New => &[keys!(CTRL, N)],
            Self::Open => &[keys!(CTRL, O)],
            Self::Save => &[keys!(CTRL, S)],
            Self::SaveAs => &[keys!(CTRL_SHIFT, S)],
            // From the File menu only.
            Self::SaveAsFolder
            | Self::OpenSample
            | Self::Import
            | Self::ImportArticles
            | Self::ExportForColleague
            | Self::MergeColleague
            | Self::CompareColleague
            | Self::AgreementOfCopies => &[],
            Self::PasteArticle => &[keys!(CTRL_SHIFT, V)],
            Self::Quit => &[keys!(CTRL, Q)],
            Self::Undo => &[keys!(CTRL, Z)],
            Self::Redo => &[keys!(CTRL_SHIFT, Z), keys!(CTRL, Y)],
            Self::Find => &[keys!(CTRL, F)],
            Self::LargerText => &[keys!(CTRL, Plus), keys!(CTRL, Equals)],
            Self::SmallerText => &[keys!(CTRL, Minus)],
            Self::DefaultText => &[keys!(CTRL, Num0)],
            Self::ShortcutHelp => &[keys!(NONE, F1), keys!(CTRL, Slash)],
            Self::TagExistingActor => &[keys!(NONE, A)],
            Self::TagNewActor => &[keys!(NONE, N)],
            Self::TagClaim => &[keys!(NONE, C)],
            Self::TagEvidence => &[keys!(NONE, E)],
            Self::AddRelation => &[keys!(NONE, R)],
            Self::CiteForRelation => &[keys!(SHIFT, R)],
            Self::DeleteHighlight => &[keys!(NONE, Delete), keys!(NONE, Backspace)],
            Self::HighlightEndLater => &[keys!(ALT, ArrowDown)],
            Self::HighlightEndEarlier => &[keys!(ALT, ArrowUp)],
            Self::HighlightStartEarlier => &[keys!(ALT_SHIFT, ArrowUp)],
            Self::HighlightStartLater => &[keys!(ALT_SHIFT, ArrowDown)],
            Self::MoveHighlightEnd => &[keys!(ALT, ArrowLeft), keys!(ALT, ArrowRight)],
            Self::MoveHighlightStart => {
                &[keys!(ALT_SHIFT, ArrowLeft), keys!(ALT_SHIFT, ArrowRight)]
            }
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Self::New
            | Self::Open
            | Self::Save
            | Self::SaveAs
            | Self::SaveAsFolder
            | Self::OpenSample
            | Self::Import
            | Self::ImportArticles
            | Self::PasteArticle
            | Self::ExportForColleague
            | Self::MergeColleague
            | Self::CompareColleague
            | Self::AgreementOfCopies
            | Self::Quit
            | Self::Find
            | Self::LargerText
            | Self::SmallerText
            | Self::DefaultText
            | Self::ShortcutHelp => Scope::Always,
            Self::Undo | Self::Redo => Scope::NotTyping,
            Self::TagExistingActor
            | Self::TagNewActor
            | Self::TagClaim
            | Self::TagEvidence
            | Self::AddRelation
            | Self::CiteForRelation => Scope::Coding,
            Self::DeleteHighlight
            | Self::HighlightEndLater
            | Self::HighlightEndEarlier
            | Self::HighlightStartEarlier
            | Self::HighlightStartLater
            | Self::MoveHighlightEnd
            | Self::MoveHighlightStart => Scope::Highlight,
        }
    }

    pub fn group(self) -> Group {
        match self {
            Self::New
            | Self::Open
            | Self::Save
            | Self::SaveAs
            | Self::SaveAsFolder
            | Self::OpenSample
            | Self::Import
            | Self::ImportArticles
            | Self::ExportForColleague
            | Self::MergeColleague
            | Self::CompareColleague
            | Self::AgreementOfCopies
            | Self::Quit => Group::File,
            Self::Undo | Self::Redo | Self::Find | Self::PasteArticle => Group::Edit,
            Self::LargerText | Self::SmallerText | Self::DefaultText => Group::View,
            Self::ShortcutHelp => Group::Help,
            _ => Group::Code,
        }
    }

    /// Whether a menu can carry it out (the arrows' direction comes only from a key).
    pub fn from_menu(self) -> bool {
        !matches!(self, Self::MoveHighlightEnd | Self::MoveHighlightStart)
    }

    /// Its keys as the platform names them ("Ctrl+Shift+Z or Ctrl+Y").
    pub fn keys_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|s| shortcut_text(ctx, s))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// The first of its keys, for a menu's right-hand column.
    pub fn first_key_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| shortcut_text(ctx, s))
            .unwrap_or_default()
    }
}

/// A shortcut in words ("Ctrl+Shift+S", "Alt+Left"), not egui's symbols:
/// the interface's fonts have no arrows or command-key signs, and egui
/// refuses to draw a glyph its fonts lack.
pub fn shortcut_text(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let mac = ctx.os() == egui::os::OperatingSystem::Mac;
    let m = shortcut.modifiers;
    let mut parts: Vec<&str> = Vec::new();
    if m.command || m.mac_cmd {
        parts.push(if mac { "Cmd" } else { "Ctrl" });
    } else if m.ctrl {
        parts.push("Ctrl");
    }
    if m.alt {
        parts.push(if mac { "Option" } else { "Alt" });
    }
    if m.shift {
        parts.push("Shift");
    }
    let key = shortcut.logical_key;
    let name = match key {
        Key::ArrowLeft => "Left",
        Key::ArrowRight => "Right",
        Key::ArrowUp => "Up",
        Key::ArrowDown => "Down",
        Key::Minus => "-",
        Key::Plus => "+",
        Key::Equals => "=",
        Key::Slash => "/",
        other => other.name(),
    };
    parts.push(name);
    parts.join("+")
}

/// Every (command, keys) pair in the order they are tried: more modifiers
/// first, since egui's matching lets Ctrl+S take Ctrl+Shift+S too.
pub fn keymap() -> Vec<(UiCommand, KeyboardShortcut)> {
    let mut map: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
        .iter()
        .flat_map(|&c| c.shortcuts().iter().map(move |&s| (c, s)))
        .collect();
    let weight = |m: Modifiers| {
        usize::from(m.command || m.ctrl || m.mac_cmd) + usize::from(m.shift) + usize::from(m.alt)
    };
    map.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
    map
}

/// The commands whose keys were pressed this frame, among those whose
/// scope `allowed` admits; their key presses are consumed.
pub fn take_pressed(
    input: &mut egui::InputState,
    allowed: impl Fn(Scope) -> bool,
) -> Vec<(UiCommand, KeyboardShortcut)> {
    let mut pressed = Vec::new();
    for (command, shortcut) in keymap() {
        if allowed(command.scope()) && input.consume_shortcut(&shortcut) {
            pressed.push((command, shortcut));
        }
    }
    pressed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pressing `shortcut` reaches the first entry of the keymap that egui
    /// matches to it.
    fn reached_by(shortcut: KeyboardShortcut) -> Option<UiCommand> {
        keymap()
            .into_iter()
            .find(|(_, s)| {
                s.logical_key == shortcut.logical_key
                    && shortcut.modifiers.matches_logically(s.modifiers)
            })
            .map(|(c, _)| c)
    }

    #[test]
    fn every_shortcut_reaches_its_own_command() {
        for command in UiCommand::ALL {
            for &shortcut in command.shortcuts() {
                assert_eq!(
                    reached_by(shortcut),
                    Some(command),
                    "{shortcut:?} of {command:?} is taken by another command first"
                );
            }
        }
    }

    #[test]
    fn no_two_commands_share_keys_and_every_command_has_a_menu_or_keys() {
        let map = keymap();
        for (i, (a, s)) in map.iter().enumerate() {
            for (b, t) in &map[i + 1..] {
                assert!(s != t, "{a:?} and {b:?} share {s:?}");
            }
        }
        for command in UiCommand::ALL {
            assert!(!command.label().is_empty() && !command.tooltip().is_empty());
        }
    }
}
