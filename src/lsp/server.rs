//! The protocol loop: the initialize handshake (with the position encoding agreed), then document
//! notifications answered with diagnostics, and hover and code-action requests, until shutdown and exit.
//! Requests it cannot answer get error responses; nothing a client sends stops the loop but `exit`.

use super::documents::Documents;
use super::findings::Checked;
use super::linting::Linting;
use super::positions::{Encoding, LineMap};
use super::{actions, diagnostics};
use crate::config;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as NotificationKind, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as RequestKind};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, MarkupContent, MarkupKind, PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How the loop ended: the exit status LSP asks for (0 after a shutdown request, else 1).
pub fn serve(connection: &Connection) -> u8 {
    let Some(encoding) = initialize(connection) else {
        return 1;
    };
    let mut server = Server {
        connection,
        encoding,
        documents: Documents::default(),
        linting: Linting::default(),
        shut_down: false,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => server.request(request),
            Message::Notification(n) if n.method == "exit" => return if server.shut_down { 0 } else { 1 },
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
    // The client went away without saying exit.
    1
}

/// Waits for `initialize`, answers it with the server's capabilities, and returns the encoding agreed;
/// none if the client leaves first.
fn initialize(connection: &Connection) -> Option<Encoding> {
    for message in &connection.receiver {
        match message {
            Message::Request(request) if request.method == "initialize" => {
                let params = match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => params,
                    Err(e) => {
                        let message = format!("invalid initialize parameters: {e}");
                        send(connection, error(request.id, ErrorCode::InvalidParams, message));
                        continue;
                    }
                };
                let offered = params.capabilities.general.as_ref();
                let encoding = Encoding::negotiate(offered.and_then(|g| g.position_encodings.as_deref()));
                let result = InitializeResult {
                    capabilities: capabilities(encoding),
                    server_info: Some(ServerInfo {
                        name: "replylint".into(),
                        version: Some(env!("CARGO_PKG_VERSION").into()),
                    }),
                };
                send(connection, Response::new_ok(request.id, result).into());
                return Some(encoding);
            }
            Message::Request(request) => {
                let message = "the server is not initialized yet".to_string();
                send(connection, error(request.id, ErrorCode::ServerNotInitialized, message));
            }
            Message::Notification(n) if n.method == "exit" => return None,
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    None
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

struct Server<'a> {
    connection: &'a Connection,
    encoding: Encoding,
    documents: Documents,
    linting: Linting,
    /// A shutdown request was answered: only `exit` is expected now.
    shut_down: bool,
}

impl Server<'_> {
    fn request(&mut self, request: Request) {
        let response = if self.shut_down {
            let message = "the server is shutting down".to_string();
            error(request.id, ErrorCode::InvalidRequest, message)
        } else {
            match request.method.as_str() {
                "shutdown" => {
                    self.shut_down = true;
                    Response::new_ok(request.id, ()).into()
                }
                HoverRequest::METHOD => self.answer::<HoverRequest>(request, Server::hover),
                CodeActionRequest::METHOD => self.answer::<CodeActionRequest>(request, Server::code_actions),
                method => {
                    let message = format!("replylint does not handle {method}");
                    error(request.id, ErrorCode::MethodNotFound, message)
                }
            }
        };
        send(self.connection, response);
    }

    /// Answers a request whose parameters parse, and refuses one whose parameters do not.
    fn answer<R: RequestKind>(&mut self, request: Request, handle: fn(&Self, R::Params) -> R::Result) -> Message {
        match serde_json::from_value::<R::Params>(request.params) {
            Ok(params) => Response::new_ok(request.id, handle(self, params)).into(),
            Err(e) => {
                let message = format!("invalid {} parameters: {e}", R::METHOD);
                error(request.id, ErrorCode::InvalidParams, message)
            }
        }
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(params) = params::<DidOpenTextDocumentParams>(notification) {
                    let document = params.text_document;
                    self.documents
                        .open(document.uri.clone(), document.text, document.version);
                    self.check_and_publish(&document.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(params) = params::<DidChangeTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    let version = params.text_document.version;
                    let changes = params.content_changes;
                    if self.documents.change(&uri, version, changes, self.encoding).is_some() {
                        self.check_and_publish(&uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(params) = params::<DidCloseTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    self.documents.close(&uri);
                    self.publish(uri, Vec::new(), None);
                }
            }
            DidSaveTextDocument::METHOD => {
                // A saved config changes what every open document should show.
                let saved = params::<DidSaveTextDocumentParams>(notification);
                if saved.is_some_and(|p| is_config(&p.text_document.uri)) {
                    self.check_all();
                }
            }
            _ => {}
        }
    }

    fn check_all(&mut self) {
        let uris: Vec<Uri> = self.documents.uris();
        for uri in uris {
            self.check_and_publish(&uri);
        }
    }

    /// Checks an open document and publishes what was found. A failure inside the linter is reported on
    /// the document rather than taking the server down.
    fn check_and_publish(&mut self, uri: &Uri) {
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        let linting = &mut self.linting;
        let checked = catch_unwind(AssertUnwindSafe(|| linting.check(&document.path, &document.text)));
        document.checked = checked.unwrap_or_else(|_| {
            Checked::unchecked(
                "replylint failed on this document (an internal error; the server's log has details)",
                &document.text,
            )
        });
        let lines = LineMap::new(&document.text, self.encoding);
        let found = diagnostics::all(&document.checked, &lines);
        let version = Some(document.version);
        self.publish(uri.clone(), found, version);
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        send(
            self.connection,
            Notification::new(PublishDiagnostics::METHOD.into(), params).into(),
        );
    }

    /// The explanation of the findings under the cursor, the narrowest first.
    fn hover(&self, params: HoverParams) -> Option<Hover> {
        let at = params.text_document_position_params;
        let document = self.documents.get(&at.text_document.uri)?;
        let lines = LineMap::new(&document.text, self.encoding);
        let offset = lines.offset(at.position);
        let mut under: Vec<_> = document
            .checked
            .lints
            .iter()
            .filter(|l| l.range.start <= offset && (offset < l.range.end || offset == l.range.start))
            .collect();
        under.sort_by_key(|l| l.range.len());
        let narrowest = under.first()?;
        let texts: Vec<String> = under.iter().map(|l| diagnostics::hover_text(l)).collect();
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: texts.join("\n\n---\n\n"),
            }),
            range: Some(lines.range(narrowest.range.clone())),
        })
    }

    fn code_actions(&self, params: CodeActionParams) -> Option<CodeActionResponse> {
        let document = self.documents.get(&params.text_document.uri)?;
        let lines = LineMap::new(&document.text, self.encoding);
        let wanted = lines.offset(params.range.start)..lines.offset(params.range.end);
        let mut found = actions::for_range(&params.text_document.uri, &document.checked, &lines, wanted);
        // A client asking for some kinds only (`source.fixAll` on save) gets those.
        if let Some(only) = &params.context.only {
            found.retain(|action| match action {
                CodeActionOrCommand::CodeAction(a) => a.kind.as_ref().is_some_and(|kind| {
                    only.iter().any(|wanted| {
                        kind.as_str() == wanted.as_str() || kind.as_str().starts_with(&format!("{}.", wanted.as_str()))
                    })
                }),
                CodeActionOrCommand::Command(_) => false,
            });
        }
        Some(found)
    }
}

/// A notification's parameters. One whose parameters cannot be read is only logged: a notification has
/// no answer to refuse it with.
fn params<P: DeserializeOwned>(notification: Notification) -> Option<P> {
    serde_json::from_value(notification.params)
        .map_err(|e| eprintln!("replylint lsp: ignoring {}: {e}", notification.method))
        .ok()
}

fn is_config(uri: &Uri) -> bool {
    super::documents::path_of(uri)
        .file_name()
        .is_some_and(|n| n == config::FILE_NAME)
}

fn error(id: lsp_server::RequestId, code: ErrorCode, message: String) -> Message {
    Response::new_err(id, code as i32, message).into()
}

/// Sends a message; a client that has gone away is noticed by the loop when its messages stop.
fn send(connection: &Connection, message: Message) {
    let _ = connection.sender.send(message);
}
