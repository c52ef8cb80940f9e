//! Code actions: a quick fix for each finding under the cursor or selection that offers one, and one
//! action applying every safe rewrite of the document at once.

use super::diagnostics;
use super::findings::{Checked, QuickFix};
use super::positions::LineMap;
use crate::fix;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;
use std::ops::Range;

/// The actions for the bytes `wanted` of a document.
pub fn for_range(uri: &Uri, checked: &Checked, lines: &LineMap, wanted: Range<usize>) -> Vec<CodeActionOrCommand> {
    let mut actions: Vec<CodeActionOrCommand> = checked
        .lints
        .iter()
        .filter(|lint| touches(&lint.range, &wanted))
        .flat_map(|lint| {
            let diagnostic = diagnostics::of_lint(lint, lines);
            lint.fixes
                .iter()
                .map(move |fix| quick_fix(uri, fix, diagnostic.clone(), lines))
        })
        .map(CodeActionOrCommand::CodeAction)
        .collect();
    if let Some(all) = all_safe_fixes(uri, checked, lines) {
        actions.push(CodeActionOrCommand::CodeAction(all));
    }
    actions
}

/// Whether a finding's bytes meet the wanted ones; a cursor (an empty range) at either end of a finding
/// is on it.
fn touches(found: &Range<usize>, wanted: &Range<usize>) -> bool {
    found.start <= wanted.end && wanted.start <= found.end
}

fn quick_fix(uri: &Uri, fix: &QuickFix, diagnostic: Diagnostic, lines: &LineMap) -> CodeAction {
    CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(workspace_edit(uri, vec![text_edit(&fix.edit, lines)])),
        is_preferred: Some(fix.preferred),
        ..CodeAction::default()
    }
}

/// Every safe rewrite of the document in one edit (as `check --fix` would make them in one round:
/// overlapping ones wait), or none when there is none.
fn all_safe_fixes(uri: &Uri, checked: &Checked, lines: &LineMap) -> Option<CodeAction> {
    let safe: Vec<fix::Edit> = checked
        .lints
        .iter()
        .flat_map(|l| &l.fixes)
        .filter(|f| f.preferred)
        .map(|f| f.edit.clone())
        .collect();
    if safe.is_empty() {
        return None;
    }
    let edits = fix::resolve(safe).iter().map(|e| text_edit(e, lines)).collect();
    Some(CodeAction {
        title: "Apply every safe replylint fix in this file".into(),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        edit: Some(workspace_edit(uri, edits)),
        ..CodeAction::default()
    })
}

fn text_edit(edit: &fix::Edit, lines: &LineMap) -> TextEdit {
    TextEdit {
        range: lines.range(edit.range.clone()),
        new_text: edit.replacement.clone(),
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}
