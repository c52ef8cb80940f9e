//! "Did you mean ...?": the one place a mistyped name is matched against the names that exist.

/// The candidate closest to `name` by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|&(d, c)| d <= 2.max(c.len() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// "; did you mean 'x'?" for the candidate closest to `name`, or nothing when none is close.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    closest(name, candidates).map(|c| format!("; did you mean '{c}'?"))
}

/// serde's "unknown field `X`, expected one of `a`, `b`" with a did-you-mean added when one of the
/// expected fields is close to `X`; any other message is returned as it is.
pub fn unknown_field_hint(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    // Field names are short: only a near spelling counts ("sugestion", not "en" for "id").
    let near = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|name| strsim::normalized_damerau_levenshtein(field, name) >= 0.7)
        .max_by(|a, b| {
            let score = |name: &str| strsim::normalized_damerau_levenshtein(field, name);
            score(a).total_cmp(&score(b))
        });
    match near {
        Some(name) => format!("{message}; did you mean `{name}`?"),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_typos() {
        let ids = ["reply-eta", "reply-workaround"];
        assert_eq!(super::closest("reply-eat", ids.into_iter()), Some("reply-eta"));
        assert_eq!(super::closest("zzz", ids.into_iter()), None);
    }

    #[test]
    fn names_the_field_meant() {
        let message = "unknown field `sugestion`, expected one of `pattern`, `suggestion`, `severity`, `fix`";
        assert_eq!(
            super::unknown_field_hint(message),
            format!("{message}; did you mean `suggestion`?")
        );
        let far = "unknown field `colour`, expected `title`";
        assert_eq!(super::unknown_field_hint(far), far);
        let short = "unknown field `en`, expected one of `id`, `ko`";
        assert_eq!(super::unknown_field_hint(short), short);
    }
}
