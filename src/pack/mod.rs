//! Rule packs: the file format, Korean pattern macros, and loading with precise errors.

pub mod load;
pub mod macros;
pub mod model;
pub mod schema;

pub use load::{builtin_sources, RuleSet};
pub use model::{Examples, PackInfo, Pattern, Rule, RuleLang, Scenario};
pub use schema::{Fix, Insert, Kind, LevelDef, LevelProfile, LevelsDef, Measure, Scope, Spacing};
