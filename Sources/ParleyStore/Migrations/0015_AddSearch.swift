import FluentKit
import FluentSQL

/// Full-text search over messages and their authors (issue 8). Both engines index one document per
/// message: its text, then its author's name and username, so that `ana refund` finds Ana's
/// messages about a refund with one index lookup. Words are runs of letters and digits, case and
/// accents ignored, as `SearchTerms` parses a query.
///
/// SQLite: a contentless FTS5 table (`contentless_delete=1`, SQLite ≥ 3.43) keyed by the message's
/// rowid. Contentless because the text already lives in `messages` (an external-content table would
/// need the author columns there too, and a stored copy doubles the text on disk); the rowid is
/// stable because `messages` has indexes, and VACUUM copies the rowids of any table with an index
/// (sqlite3 `xferOptimization`). Triggers keep it current: a message's insert, text or author
/// change and delete; a customer's insert, rename and delete re-index that author's messages.
///
/// PostgreSQL: a `tsvector` column on `messages` with a GIN index, set by a trigger rather than a
/// generated column because a generated column cannot read the author's name from `customers`.
/// The `simple` configuration (no stemming, no stop words), because posts come in every language;
/// `parley_search_fold` removes accents with a fixed table (the `unaccent` extension needs a
/// superuser) and splits words as SQLite's unicode61 tokenizer does.
struct AddSearch: AsyncMigration {
    var name: String { "0015_AddSearch" }

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.create(index: "messages_author").on("messages").column("author_x_user_id").run()
        if sql.dialect.name == "postgresql" {
            for statement in Self.postgres { try await sql.raw(SQLQueryString(statement)).run() }
        } else {
            for statement in Self.sqlite { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        let statements = sql.dialect.name == "postgresql" ? [
            "DROP TRIGGER customers_search ON customers", "DROP TRIGGER messages_search ON messages",
            "DROP FUNCTION parley_customers_search()", "DROP FUNCTION parley_messages_search()",
            "DROP INDEX messages_search", "ALTER TABLE messages DROP COLUMN search_vector",
            "DROP FUNCTION parley_search_vector(text, text, text)", "DROP FUNCTION parley_search_fold(text)",
        ] : [
            "DROP TRIGGER customers_search_delete", "DROP TRIGGER customers_search_update", "DROP TRIGGER customers_search_insert",
            "DROP TRIGGER messages_search_delete", "DROP TRIGGER messages_search_update", "DROP TRIGGER messages_search_insert",
            "DROP TABLE message_search",
        ]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        try await sql.drop(index: "messages_author").run()
    }

    /// Re-indexes every message by the authors in `authors` (an SQL list of x_user_id values).
    private static func sqliteReindex(_ authors: String) -> [String] {
        [
            "DELETE FROM message_search WHERE rowid IN (SELECT rowid FROM messages WHERE author_x_user_id IN (\(authors)));",
            """
            INSERT INTO message_search(rowid, text, name, username)
              SELECT m.rowid, m.text, c.name, c.username FROM messages m LEFT JOIN customers c ON c.x_user_id = m.author_x_user_id
              WHERE m.author_x_user_id IN (\(authors));
            """,
        ]
    }

    static let sqlite: [String] = [
        """
        CREATE VIRTUAL TABLE message_search USING fts5(
          text, name, username, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')
        """,
        """
        INSERT INTO message_search(rowid, text, name, username)
          SELECT m.rowid, m.text, c.name, c.username FROM messages m LEFT JOIN customers c ON c.x_user_id = m.author_x_user_id
        """,
        """
        CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
          INSERT INTO message_search(rowid, text, name, username) VALUES (new.rowid, new.text,
            (SELECT name FROM customers WHERE x_user_id = new.author_x_user_id),
            (SELECT username FROM customers WHERE x_user_id = new.author_x_user_id));
        END
        """,
        """
        CREATE TRIGGER messages_search_update AFTER UPDATE OF text, author_x_user_id ON messages
        WHEN old.text IS NOT new.text OR old.author_x_user_id IS NOT new.author_x_user_id BEGIN
          DELETE FROM message_search WHERE rowid = old.rowid;
          INSERT INTO message_search(rowid, text, name, username) VALUES (new.rowid, new.text,
            (SELECT name FROM customers WHERE x_user_id = new.author_x_user_id),
            (SELECT username FROM customers WHERE x_user_id = new.author_x_user_id));
        END
        """,
        """
        CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
          DELETE FROM message_search WHERE rowid = old.rowid;
        END
        """,
        "CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN\n"
            + sqliteReindex("new.x_user_id").joined(separator: "\n") + "\nEND",
        """
        CREATE TRIGGER customers_search_update AFTER UPDATE OF name, username, x_user_id ON customers
        WHEN old.name IS NOT new.name OR old.username IS NOT new.username OR old.x_user_id IS NOT new.x_user_id BEGIN
        """ + "\n" + sqliteReindex("old.x_user_id, new.x_user_id").joined(separator: "\n") + "\nEND",
        "CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN\n"
            + sqliteReindex("old.x_user_id").joined(separator: "\n") + "\nEND",
    ]

    /// Lower-case ASCII for the accented Latin letters (Latin-1, Extended-A and -B, Extended
    /// Additional), then lower case, then every run of non-alphanumerics as one space.
    static let foldFrom = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹøØđĐħĦıłŁŧŦ"
    static let foldTo = "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyooddhhilltt"

    static let postgres: [String] = [
        """
        CREATE FUNCTION parley_search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT regexp_replace(lower(translate(value, '\(foldFrom)', '\(foldTo)')), '[^[:alnum:]]+', ' ', 'g')
        $$
        """,
        """
        CREATE FUNCTION parley_search_vector(body text, name text, username text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT to_tsvector('simple'::regconfig, parley_search_fold(coalesce(body, '')))
            || to_tsvector('simple'::regconfig, parley_search_fold(coalesce(name, '') || ' ' || coalesce(username, '')))
        $$
        """,
        "ALTER TABLE messages ADD COLUMN search_vector tsvector",
        """
        UPDATE messages SET search_vector = parley_search_vector(text,
          (SELECT name FROM customers c WHERE c.x_user_id = messages.author_x_user_id),
          (SELECT username FROM customers c WHERE c.x_user_id = messages.author_x_user_id))
        """,
        "CREATE INDEX messages_search ON messages USING gin (search_vector)",
        """
        CREATE FUNCTION parley_messages_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND NEW.text IS NOT DISTINCT FROM OLD.text
             AND NEW.author_x_user_id IS NOT DISTINCT FROM OLD.author_x_user_id THEN
            RETURN NEW;
          END IF;
          NEW.search_vector := parley_search_vector(NEW.text,
            (SELECT name FROM customers WHERE x_user_id = NEW.author_x_user_id),
            (SELECT username FROM customers WHERE x_user_id = NEW.author_x_user_id));
          RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER messages_search BEFORE INSERT OR UPDATE OF text, author_x_user_id ON messages
        FOR EACH ROW EXECUTE FUNCTION parley_messages_search()
        """,
        """
        CREATE FUNCTION parley_customers_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND NEW.name IS NOT DISTINCT FROM OLD.name AND NEW.username IS NOT DISTINCT FROM OLD.username
             AND NEW.x_user_id IS NOT DISTINCT FROM OLD.x_user_id THEN
            RETURN NULL;
          END IF;
          IF TG_OP <> 'INSERT' THEN
            UPDATE messages SET search_vector = parley_search_vector(text, NULL, NULL) WHERE author_x_user_id = OLD.x_user_id;
          END IF;
          IF TG_OP <> 'DELETE' THEN
            UPDATE messages SET search_vector = parley_search_vector(text, NEW.name, NEW.username) WHERE author_x_user_id = NEW.x_user_id;
          END IF;
          RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER customers_search AFTER INSERT OR UPDATE OF name, username, x_user_id OR DELETE ON customers
        FOR EACH ROW EXECUTE FUNCTION parley_customers_search()
        """,
    ]
}
