"""The domain: vocabulary, records and rules, with no storage and no Qt."""
