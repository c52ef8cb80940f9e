//! Rule packs: the file format, Korean pattern macros, and loading with precise errors.

pub mod load;
pub mod macros;
pub mod model;
pub mod schema;

pub use load::RuleSet;
pub use model::{Examples, PackInfo, Pattern, Rule, RuleLang, Scenario};
pub use schema::{
    BadExample, Detector, Fix, IfNoScope, Insert, Kind, LevelDef, LevelProfile, LevelsDef, Measure, Scope, Spacing,
};
