//! `replylint schema KIND`: a JSON Schema generated from the types that read the file (or write the output).

use super::args::SchemaArgs;
use super::{print, EXIT_CLEAN};
use crate::error::Result;

pub fn run(args: SchemaArgs) -> Result<u8> {
    print(&crate::schema::json(args.kind));
    Ok(EXIT_CLEAN)
}
