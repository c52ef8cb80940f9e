//! Standard input and output as a connection: `Content-Length` framed JSON-RPC messages. lsp-server's own
//! stdio transport stops reading at the first body that is not a message; this one answers a malformed
//! request with an error (or logs a body it cannot answer) and reads on, so a client's slip does not take
//! the server away. Only a broken frame, which leaves nothing to read on from, ends it.

use lsp_server::{Connection, ErrorCode, Message, Response};
use std::io::{self, BufRead, Write};
use std::thread::JoinHandle;

/// The largest message accepted: an export being edited is at most the batch limit, escaped.
const MAX_MESSAGE_BYTES: usize = 4 * crate::input::records::MAX_BATCH_BYTES;

/// The reader and writer threads of a connection on standard input and output.
pub struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits for the writer to send what is queued. The reader is left alone: it may be waiting on an
    /// input the client never closes, and ends with the process.
    pub fn finish(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

pub fn stdio() -> (Connection, Threads) {
    let (to_server, from_client) = crossbeam_channel::bounded::<Message>(0);
    let (to_client, from_server) = crossbeam_channel::bounded::<Message>(0);
    let answers = to_client.clone();
    let reader = std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            let body = match read_frame(&mut input) {
                Ok(Some(body)) => body,
                Ok(None) => return,
                Err(e) => {
                    eprintln!("replylint lsp: cannot read from the client: {e}");
                    return;
                }
            };
            let message = match serde_json::from_slice::<Message>(&body) {
                Ok(message) => message,
                Err(e) => {
                    if let Some(answer) = refusal(&body, &e) {
                        let _ = answers.send(answer);
                    }
                    continue;
                }
            };
            let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if to_server.send(message).is_err() || is_exit {
                return;
            }
        }
    });
    let writer = std::thread::spawn(move || {
        let stdout = io::stdout();
        let mut output = stdout.lock();
        for message in from_server {
            if let Err(e) = message.write(&mut output) {
                eprintln!("replylint lsp: cannot write to the client: {e}");
                return;
            }
        }
        let _ = output.flush();
    });
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, Threads { reader, writer })
}

/// The answer to a body that is not a message: an Invalid Request error when it is a JSON object with an
/// id to answer, else nothing (JSON-RPC would answer with a null id, which cannot be sent as a
/// lsp-server message) but a line on standard error.
fn refusal(body: &[u8], error: &serde_json::Error) -> Option<Message> {
    eprintln!("replylint lsp: ignoring a message that is not JSON-RPC: {error}");
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let id = serde_json::from_value::<lsp_server::RequestId>(value.get("id")?.clone()).ok()?;
    let message = format!("not a JSON-RPC request: {error}");
    Some(Response::new_err(id, ErrorCode::InvalidRequest as i32, message).into())
}

/// One framed message body: headers up to a blank line, then `Content-Length` bytes. None at the end of
/// the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let invalid = |what: String| io::Error::new(io::ErrorKind::InvalidData, what);
    let mut length = None;
    loop {
        let mut header = String::new();
        if input.read_line(&mut header)? == 0 {
            return Ok(None);
        }
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| invalid(format!("a malformed header: {header:?}")))?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value: usize = value
                .trim()
                .parse()
                .map_err(|_| invalid(format!("a malformed Content-Length: {value:?}")))?;
            length = Some(value);
        }
    }
    let length = length.ok_or_else(|| invalid("a message without Content-Length".into()))?;
    if length > MAX_MESSAGE_BYTES {
        return Err(invalid(format!("a message of {length} bytes, more than the limit")));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_one_by_one() {
        let mut input: &[u8] = b"Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:3\r\n\r\n[1]";
        assert_eq!(read_frame(&mut input).unwrap(), Some(b"{}".to_vec()));
        assert_eq!(read_frame(&mut input).unwrap(), Some(b"[1]".to_vec()));
        assert_eq!(read_frame(&mut input).unwrap(), None);
    }

    #[test]
    fn broken_frames_are_errors() {
        let mut input: &[u8] = b"Content-Length: many\r\n\r\n";
        assert!(read_frame(&mut input).is_err());
        let mut input: &[u8] = b"Content-Length: 99999999999\r\n\r\n";
        assert!(read_frame(&mut input).is_err());
    }

    #[test]
    fn a_request_that_is_not_one_is_refused_by_its_id() {
        let body = br#"{"jsonrpc": "2.0", "id": 7, "params": {}}"#;
        let error = serde_json::from_slice::<Message>(body).unwrap_err();
        match refusal(body, &error) {
            Some(Message::Response(r)) => {
                assert_eq!(r.id, lsp_server::RequestId::from(7));
                assert_eq!(r.response_result.unwrap_err().code, ErrorCode::InvalidRequest as i32);
            }
            other => panic!("{other:?}"),
        }
        assert!(refusal(b"not json", &error).is_none());
    }
}
