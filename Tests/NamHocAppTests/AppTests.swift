import Testing

/// The root of every test that builds the application. Serialized: on PostgreSQL the tests share one
/// database, and each starts from an empty schema.
@Suite(.serialized) struct AppTests {}
