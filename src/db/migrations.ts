/**
 * The schema, as an append-only list: entry N brings a database from version N-1 to N.
 * Never edit an entry that has shipped; add a new one.
 * Instants are ISO-8601 UTC text, calendar dates YYYY-MM-DD, every editable row has `version`.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE UNIQUE INDEX organisations_name ON organisations (name COLLATE NOCASE);

  CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    organisation_id  INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
  );
  CREATE INDEX people_organisation ON people (organisation_id);

  CREATE TABLE venues (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    street        TEXT NOT NULL DEFAULT '',
    postal_code   TEXT NOT NULL DEFAULT '',
    town          TEXT NOT NULL DEFAULT '',
    default_room  TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  );

  CREATE TABLE groups (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    name_genitive       TEXT NOT NULL DEFAULT '',
    short_name          TEXT NOT NULL DEFAULT '',
    slug                TEXT NOT NULL UNIQUE,
    description         TEXT NOT NULL DEFAULT '',
    umbrella_id         INTEGER REFERENCES groups (id) ON DELETE RESTRICT,
    visibility          TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
    numbering_per_year  INTEGER NOT NULL DEFAULT 0 CHECK (numbering_per_year IN (0, 1)),
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
  );
  CREATE INDEX groups_umbrella ON groups (umbrella_id);

  CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    role        TEXT NOT NULL CHECK (role IN ('chair', 'secretary', 'member', 'guest')),
    since       TEXT,
    until       TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE INDEX memberships_group ON memberships (group_id);
  CREATE INDEX memberships_person ON memberships (person_id);

  CREATE TABLE meetings (
    id               INTEGER PRIMARY KEY,
    lead_group_id    INTEGER NOT NULL REFERENCES groups (id) ON DELETE RESTRICT,
    number           INTEGER NOT NULL CHECK (number > 0),
    title            TEXT NOT NULL,
    starts_at        TEXT NOT NULL,
    ends_at          TEXT,
    time_zone        TEXT NOT NULL,
    venue_id         INTEGER REFERENCES venues (id) ON DELETE RESTRICT,
    room             TEXT NOT NULL DEFAULT '',
    online_url       TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    chair_id         INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    minute_taker_id  INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (lead_group_id, number)
  );
  CREATE INDEX meetings_starts_at ON meetings (starts_at);
  CREATE INDEX meetings_venue ON meetings (venue_id);
  CREATE INDEX meetings_chair ON meetings (chair_id);
  CREATE INDEX meetings_minute_taker ON meetings (minute_taker_id);

  -- Every group a meeting belongs to, the lead group included: a joint meeting has several.
  CREATE TABLE meeting_groups (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES groups (id) ON DELETE RESTRICT,
    PRIMARY KEY (meeting_id, group_id)
  ) WITHOUT ROWID;
  CREATE INDEX meeting_groups_group ON meeting_groups (group_id, meeting_id);

  CREATE TABLE meeting_verifiers (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
  ) WITHOUT ROWID;
  CREATE INDEX meeting_verifiers_person ON meeting_verifiers (person_id);

  -- Notes of the minutes that belong to the whole meeting rather than to one agenda item.
  CREATE TABLE minutes (
    meeting_id     INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    opening_notes  TEXT NOT NULL DEFAULT '',
    closing_notes  TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL
  );

  CREATE TABLE agenda_items (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    parent_id         INTEGER REFERENCES agenda_items (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    presenter         TEXT NOT NULL DEFAULT '',
    duration_minutes  INTEGER CHECK (duration_minutes > 0),
    fixed_start       TEXT,
    proceedings       TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
  );
  CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, parent_id, position);
  `,
  `
  -- Issue 3: accounts, one per person; password links for invitations and resets; published minutes.
  CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL UNIQUE REFERENCES people (id) ON DELETE RESTRICT,
    email          TEXT NOT NULL,
    is_admin       INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    password_hash  TEXT,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    last_login_at  TEXT,
    -- Sessions signed in before this instant no longer count (deactivation, a new password).
    sessions_valid_after TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
  );
  CREATE UNIQUE INDEX accounts_email ON accounts (email COLLATE NOCASE);

  -- Only a hash of each link's secret is kept: a copy of the database cannot be used to sign in.
  CREATE TABLE password_links (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    created_at  TEXT NOT NULL
  );
  CREATE INDEX password_links_account ON password_links (account_id);

  ALTER TABLE minutes ADD COLUMN published_at TEXT;
  `,
  `
  -- Issue 4: continuity between meetings.
  -- Resolutions are numbered per lead group and year ("3/2018"); a counter per group and year
  -- remembers the highest number ever given, so a deleted resolution's number is never reused.
  ALTER TABLE groups ADD COLUMN resolution_pattern TEXT NOT NULL DEFAULT '{n}/{yyyy}';
  ALTER TABLE agenda_items ADD COLUMN deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1));
  ALTER TABLE meetings ADD COLUMN follows_id INTEGER REFERENCES meetings (id) ON DELETE SET NULL;
  CREATE INDEX meetings_follows ON meetings (follows_id);

  CREATE TABLE resolutions (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id  INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    group_id        INTEGER NOT NULL REFERENCES groups (id) ON DELETE RESTRICT,
    year            INTEGER NOT NULL,
    number          INTEGER NOT NULL CHECK (number > 0),
    text            TEXT NOT NULL,
    votes_for       INTEGER CHECK (votes_for >= 0),
    votes_against   INTEGER CHECK (votes_against >= 0),
    votes_abstain   INTEGER CHECK (votes_abstain >= 0),
    outcome         TEXT NOT NULL CHECK (outcome IN ('adopted', 'rejected', 'noted')),
    supersedes_id   INTEGER REFERENCES resolutions (id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (group_id, year, number)
  );
  CREATE INDEX resolutions_meeting ON resolutions (meeting_id);
  CREATE INDEX resolutions_agenda_item ON resolutions (agenda_item_id);
  CREATE INDEX resolutions_supersedes ON resolutions (supersedes_id);

  CREATE TABLE resolution_counters (
    group_id     INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    last_number  INTEGER NOT NULL,
    PRIMARY KEY (group_id, year)
  ) WITHOUT ROWID;

  -- Action items belong to the group that leads the meeting where they arose.
  CREATE TABLE action_items (
    id                           INTEGER PRIMARY KEY,
    group_id                     INTEGER NOT NULL REFERENCES groups (id) ON DELETE RESTRICT,
    meeting_id                   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id               INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    text                         TEXT NOT NULL,
    responsible_organisation_id  INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    due_date                     TEXT,
    -- The deadline it was given when it arose: due_date moves with every new deadline.
    first_due_date               TEXT,
    status                       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    version                      INTEGER NOT NULL DEFAULT 1,
    created_at                   TEXT NOT NULL,
    updated_at                   TEXT NOT NULL
  );
  CREATE INDEX action_items_group ON action_items (group_id, status);
  CREATE INDEX action_items_meeting ON action_items (meeting_id);
  CREATE INDEX action_items_agenda_item ON action_items (agenda_item_id);
  CREATE INDEX action_items_organisation ON action_items (responsible_organisation_id);

  CREATE TABLE action_item_owners (
    action_item_id  INTEGER NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    PRIMARY KEY (action_item_id, person_id)
  ) WITHOUT ROWID;
  CREATE INDEX action_item_owners_person ON action_item_owners (person_id);

  -- The trail of an action item: each later meeting's review (still open, done, cancelled, a new
  -- deadline), or a change made outside a meeting (meeting_id NULL). Kept as history.
  CREATE TABLE action_item_reviews (
    id              INTEGER PRIMARY KEY,
    action_item_id  INTEGER NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
    meeting_id      INTEGER REFERENCES meetings (id) ON DELETE CASCADE,
    outcome         TEXT NOT NULL CHECK (outcome IN ('open', 'done', 'cancelled', 'rescheduled')),
    due_date        TEXT,
    note            TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    UNIQUE (action_item_id, meeting_id)
  );
  CREATE INDEX action_item_reviews_meeting ON action_item_reviews (meeting_id);
  `,
  `
  -- Issue 5: attendance, attachments, and the funding footer of groups in funded projects.
  -- One row per person at a meeting. The organisation is copied when the row is made, so the zápis
  -- keeps showing whom the person represented then, even after they move.
  CREATE TABLE attendance (
    id                        INTEGER PRIMARY KEY,
    meeting_id                INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id                 INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    kind                      TEXT NOT NULL CHECK (kind IN ('member', 'guest', 'invited', 'substitute')),
    status                    TEXT NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'present', 'excused', 'absent')),
    substitute_for_person_id  INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    organisation_id           INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    -- Members with a vote (chair, secretary, member) count towards the quorum; a substitute votes for the one they stand in for.
    voting                    INTEGER NOT NULL DEFAULT 0 CHECK (voting IN (0, 1)),
    version                   INTEGER NOT NULL DEFAULT 1,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    UNIQUE (meeting_id, person_id)
  );
  CREATE INDEX attendance_person ON attendance (person_id);
  CREATE INDEX attendance_substitute_for ON attendance (substitute_for_person_id);
  CREATE INDEX attendance_organisation ON attendance (organisation_id);

  ALTER TABLE meetings ADD COLUMN attendance_by_sheet INTEGER NOT NULL DEFAULT 0 CHECK (attendance_by_sheet IN (0, 1));
  ALTER TABLE groups ADD COLUMN quorum_percent INTEGER NOT NULL DEFAULT 50 CHECK (quorum_percent BETWEEN 1 AND 99);

  -- Files belong to a meeting (optionally one of its agenda items) or are a group's logo. The bytes
  -- live in DATA_DIR/uploads under stored_name; nothing the uploader chose reaches the file system.
  CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id  INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    group_id        INTEGER REFERENCES groups (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    original_name   TEXT NOT NULL,
    stored_name     TEXT NOT NULL UNIQUE,
    media_type      TEXT NOT NULL,
    size            INTEGER NOT NULL CHECK (size > 0),
    sha256          TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (meeting_id IS NOT NULL OR group_id IS NOT NULL)
  );
  CREATE INDEX attachments_meeting ON attachments (meeting_id);
  CREATE INDEX attachments_agenda_item ON attachments (agenda_item_id);
  CREATE INDEX attachments_group ON attachments (group_id);

  -- EU-funded projects print their name, registration number and logo on every page.
  ALTER TABLE groups ADD COLUMN funding_project TEXT NOT NULL DEFAULT '';
  ALTER TABLE groups ADD COLUMN funding_registration TEXT NOT NULL DEFAULT '';
  ALTER TABLE groups ADD COLUMN logo_attachment_id INTEGER REFERENCES attachments (id) ON DELETE SET NULL;
  `,
  `
  -- Issue 6: calendar export. A meeting's calendar entry carries a SEQUENCE that rises whenever its
  -- time, place or status changes, so calendar apps replace the entry they hold.
  ALTER TABLE meetings ADD COLUMN ical_sequence INTEGER NOT NULL DEFAULT 0;
  -- The secret address of a person's "my groups" calendar: only the SHA-256 of its token is kept.
  ALTER TABLE accounts ADD COLUMN calendar_token_hash TEXT;
  CREATE UNIQUE INDEX accounts_calendar_token ON accounts (calendar_token_hash) WHERE calendar_token_hash IS NOT NULL;
  `,
  `
  -- Issue 17: a group's task list is read a page at a time in the order it shows (open ones by
  -- deadline, then the rest by last change): this index is that order, so no page sorts them all.
  CREATE INDEX action_items_group_list ON action_items (
    group_id,
    status <> 'open',
    CASE WHEN status = 'open' THEN due_date IS NULL END,
    CASE WHEN status = 'open' THEN due_date END,
    updated_at DESC,
    id
  );
  -- When an item's status was last decided: the time of its latest step (a review at a meeting
  -- counts from the meeting's start, a change outside meetings from when it was recorded). The
  -- "Kontrola úkolů" of a meeting asks only the open items and those decided since the group's
  -- previous meeting; triggers keep it, whatever writes a review or moves a meeting.
  ALTER TABLE action_items ADD COLUMN last_step_at TEXT;
  UPDATE action_items SET last_step_at = (
    SELECT MAX(COALESCE(rm.starts_at, r.recorded_at)) FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id
     WHERE r.action_item_id = action_items.id);
  CREATE TRIGGER action_item_reviews_step_insert AFTER INSERT ON action_item_reviews BEGIN
    UPDATE action_items SET last_step_at = (
      SELECT MAX(COALESCE(rm.starts_at, r.recorded_at)) FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id
       WHERE r.action_item_id = NEW.action_item_id) WHERE id = NEW.action_item_id;
  END;
  CREATE TRIGGER action_item_reviews_step_update AFTER UPDATE ON action_item_reviews BEGIN
    UPDATE action_items SET last_step_at = (
      SELECT MAX(COALESCE(rm.starts_at, r.recorded_at)) FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id
       WHERE r.action_item_id = NEW.action_item_id) WHERE id = NEW.action_item_id;
  END;
  CREATE TRIGGER meetings_step_move AFTER UPDATE OF starts_at ON meetings BEGIN
    UPDATE action_items SET last_step_at = (
      SELECT MAX(COALESCE(rm.starts_at, r.recorded_at)) FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id
       WHERE r.action_item_id = action_items.id)
     WHERE id IN (SELECT action_item_id FROM action_item_reviews WHERE meeting_id = NEW.id);
  END;
  DROP INDEX action_items_group;
  CREATE INDEX action_items_group ON action_items (group_id, status, last_step_at);
  `,
  `
  -- Issue 13: full-text search. One FTS5 index over everything a zápis says, kept by the triggers
  -- below in the same transaction as every write, whoever writes (the app, the demo, an import).
  -- Diacritics and case never matter ("socialni" finds "Sociální"); prefixes are indexed for
  -- "podnik" → "podnikání". The rowid says where a row comes from, so that a query learns it
  -- without reading the row and a trigger finds its row without a scan:
  --   meeting id × 2^32 + source row id × 8 + kind,
  -- kinds: 0 meeting (title, place), 1 agenda item (title, description, presenter), 2 proceedings
  -- of an item, 3 opening and closing notes (source: the meeting), 4 resolution, 5 action item,
  -- 6 attachment readable with the minutes, 7 attachment for members only (title, file name, the
  -- text read from the file). Who may read a row is decided at query time by db/scope.ts, from its
  -- meeting and kind.
  ALTER TABLE attachments ADD COLUMN text_content TEXT;
  -- Issue 11: an attachment is readable by all who read the minutes ('public'), or by the members
  -- of the meeting's groups only (a board's applicants' CVs). Files stored before stay as they were.
  ALTER TABLE attachments ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members'));
  CREATE VIRTUAL TABLE search_index USING fts5(
    title, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  );
  CREATE VIEW search_sources AS
    SELECT m.id * 4294967296 + m.id * 8 AS rowid, m.title AS title,
           trim(concat_ws(' ', v.name, v.street, v.town, m.room, m.online_url)) AS body
      FROM meetings m LEFT JOIN venues v ON v.id = m.venue_id
    UNION ALL
    SELECT meeting_id * 4294967296 + id * 8 + 1, title, trim(description || ' ' || presenter) FROM agenda_items
    UNION ALL
    SELECT meeting_id * 4294967296 + id * 8 + 2, '', proceedings FROM agenda_items WHERE proceedings <> ''
    UNION ALL
    SELECT meeting_id * 4294967296 + meeting_id * 8 + 3, '', trim(opening_notes || char(10) || closing_notes) FROM minutes
     WHERE opening_notes <> '' OR closing_notes <> ''
    UNION ALL
    SELECT meeting_id * 4294967296 + id * 8 + 4, '', text FROM resolutions
    UNION ALL
    SELECT meeting_id * 4294967296 + id * 8 + 5, '', text FROM action_items
    UNION ALL
    SELECT meeting_id * 4294967296 + id * 8 + (CASE visibility WHEN 'members' THEN 7 ELSE 6 END), title || ' ' || original_name, coalesce(text_content, '') FROM attachments
     WHERE meeting_id IS NOT NULL;

  CREATE TRIGGER search_meeting_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO search_index (rowid, title, body)
      SELECT m.id * 4294967296 + m.id * 8, m.title, trim(concat_ws(' ', v.name, v.street, v.town, m.room, m.online_url))
        FROM meetings m LEFT JOIN venues v ON v.id = m.venue_id WHERE m.id = NEW.id;
  END;
  CREATE TRIGGER search_meeting_update AFTER UPDATE OF title, venue_id, room, online_url ON meetings BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4294967296 + OLD.id * 8;
    INSERT INTO search_index (rowid, title, body)
      SELECT m.id * 4294967296 + m.id * 8, m.title, trim(concat_ws(' ', v.name, v.street, v.town, m.room, m.online_url))
        FROM meetings m LEFT JOIN venues v ON v.id = m.venue_id WHERE m.id = NEW.id;
  END;
  CREATE TRIGGER search_meeting_delete AFTER DELETE ON meetings BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4294967296 + OLD.id * 8;
  END;
  CREATE TRIGGER search_venue_update AFTER UPDATE OF name, street, town ON venues BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id * 4294967296 + id * 8 FROM meetings WHERE venue_id = NEW.id);
    INSERT INTO search_index (rowid, title, body)
      SELECT m.id * 4294967296 + m.id * 8, m.title, trim(concat_ws(' ', NEW.name, NEW.street, NEW.town, m.room, m.online_url))
        FROM meetings m WHERE m.venue_id = NEW.id;
  END;

  CREATE TRIGGER search_item_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO search_index (rowid, title, body)
      VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + 1, NEW.title, trim(NEW.description || ' ' || NEW.presenter));
    INSERT INTO search_index (rowid, title, body)
      SELECT NEW.meeting_id * 4294967296 + NEW.id * 8 + 2, '', NEW.proceedings WHERE NEW.proceedings <> '';
  END;
  CREATE TRIGGER search_item_update AFTER UPDATE OF title, description, presenter ON agenda_items
    WHEN OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description OR OLD.presenter IS NOT NEW.presenter BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + 1;
    INSERT INTO search_index (rowid, title, body)
      VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + 1, NEW.title, trim(NEW.description || ' ' || NEW.presenter));
  END;
  CREATE TRIGGER search_proceedings_update AFTER UPDATE OF proceedings ON agenda_items
    WHEN OLD.proceedings IS NOT NEW.proceedings BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + 2;
    INSERT INTO search_index (rowid, title, body)
      SELECT NEW.meeting_id * 4294967296 + NEW.id * 8 + 2, '', NEW.proceedings WHERE NEW.proceedings <> '';
  END;
  CREATE TRIGGER search_item_delete AFTER DELETE ON agenda_items BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.meeting_id * 4294967296 + OLD.id * 8 + 1, OLD.meeting_id * 4294967296 + OLD.id * 8 + 2);
  END;

  CREATE TRIGGER search_notes_insert AFTER INSERT ON minutes BEGIN
    INSERT INTO search_index (rowid, title, body)
      SELECT NEW.meeting_id * 4294967296 + NEW.meeting_id * 8 + 3, '', trim(NEW.opening_notes || char(10) || NEW.closing_notes)
       WHERE NEW.opening_notes <> '' OR NEW.closing_notes <> '';
  END;
  CREATE TRIGGER search_notes_update AFTER UPDATE OF opening_notes, closing_notes ON minutes
    WHEN OLD.opening_notes IS NOT NEW.opening_notes OR OLD.closing_notes IS NOT NEW.closing_notes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.meeting_id * 8 + 3;
    INSERT INTO search_index (rowid, title, body)
      SELECT NEW.meeting_id * 4294967296 + NEW.meeting_id * 8 + 3, '', trim(NEW.opening_notes || char(10) || NEW.closing_notes)
       WHERE NEW.opening_notes <> '' OR NEW.closing_notes <> '';
  END;
  CREATE TRIGGER search_notes_delete AFTER DELETE ON minutes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.meeting_id * 8 + 3;
  END;

  CREATE TRIGGER search_resolution_insert AFTER INSERT ON resolutions BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + 4, '', NEW.text);
  END;
  CREATE TRIGGER search_resolution_update AFTER UPDATE OF text, meeting_id ON resolutions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + 4;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + 4, '', NEW.text);
  END;
  CREATE TRIGGER search_resolution_delete AFTER DELETE ON resolutions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + 4;
  END;

  CREATE TRIGGER search_task_insert AFTER INSERT ON action_items BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + 5, '', NEW.text);
  END;
  CREATE TRIGGER search_task_update AFTER UPDATE OF text, meeting_id ON action_items BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + 5;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + 5, '', NEW.text);
  END;
  CREATE TRIGGER search_task_delete AFTER DELETE ON action_items BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + 5;
  END;

  CREATE TRIGGER search_attachment_insert AFTER INSERT ON attachments WHEN NEW.meeting_id IS NOT NULL BEGIN
    INSERT INTO search_index (rowid, title, body)
      VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + (CASE NEW.visibility WHEN 'members' THEN 7 ELSE 6 END),
              NEW.title || ' ' || NEW.original_name, coalesce(NEW.text_content, ''));
  END;
  CREATE TRIGGER search_attachment_update AFTER UPDATE OF title, original_name, text_content, visibility ON attachments WHEN NEW.meeting_id IS NOT NULL BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + (CASE OLD.visibility WHEN 'members' THEN 7 ELSE 6 END);
    INSERT INTO search_index (rowid, title, body)
      VALUES (NEW.meeting_id * 4294967296 + NEW.id * 8 + (CASE NEW.visibility WHEN 'members' THEN 7 ELSE 6 END),
              NEW.title || ' ' || NEW.original_name, coalesce(NEW.text_content, ''));
  END;
  CREATE TRIGGER search_attachment_delete AFTER DELETE ON attachments WHEN OLD.meeting_id IS NOT NULL BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 4294967296 + OLD.id * 8 + (CASE OLD.visibility WHEN 'members' THEN 7 ELSE 6 END);
  END;

  INSERT INTO search_index (rowid, title, body) SELECT rowid, title, body FROM search_sources;
  `,
  `
  -- Issue 13: feeds of published minutes list the newest publications first; only published minutes are indexed.
  CREATE INDEX minutes_published ON minutes (published_at) WHERE published_at IS NOT NULL;
  `,
  `
  -- Issue 19: the grammatical gender a zápis words a person by (přítomen / přítomna, Zapsal / Zapsala);
  -- NULL when not stated. Existing people get the default a new person gets, from their name, once:
  -- person_gender() is the rule of src/zapis/czech-names.ts, registered on the connection by migrate().
  ALTER TABLE people ADD COLUMN gender TEXT CHECK (gender IN ('f', 'm'));
  UPDATE people SET gender = person_gender(name);
  `,
  `
  -- Issue 11: a resolution of no agenda item stands where it was adopted: at the start of the
  -- meeting (approving the program, before item 1) or at its end ("mimo program"). Those entered
  -- before stay at the end, where the zápis has shown them.
  ALTER TABLE resolutions ADD COLUMN placement TEXT NOT NULL DEFAULT 'end' CHECK (placement IN ('start', 'end'));
  `,
  `
  -- Issue 11: a resolution's label is stored as it was given ("3/2018", "94/1", "SR1/č. 1", or ''
  -- for minutes that do not number their resolutions) and never worked out again: a group that
  -- changes its pattern does not renumber its past. Existing ones keep what they showed.
  ALTER TABLE resolutions ADD COLUMN label TEXT NOT NULL DEFAULT '';
  UPDATE resolutions SET label = replace(replace(replace(
      (SELECT g.resolution_pattern FROM groups g WHERE g.id = resolutions.group_id),
      '{n}', number), '{yyyy}', year), '{yy}', substr(CAST(year AS TEXT), 3, 2));
  `,
  `
  -- Issue 11: the quorum as the minutes state it ("přítomno 6 z 9 členů", "usnášeníschopná"), for
  -- attendance taken on the signed sheet or listed incompletely; NULL where the minutes say nothing.
  ALTER TABLE meetings ADD COLUMN quorum_present INTEGER CHECK (quorum_present >= 0);
  ALTER TABLE meetings ADD COLUMN quorum_total INTEGER CHECK (quorum_total > 0);
  ALTER TABLE meetings ADD COLUMN quorate INTEGER CHECK (quorate IN (0, 1));
  `,
  `
  -- Issue 11: who is responsible for a task, as the minutes write it when it is no one person or
  -- organisation of the directory ("všichni členové PS", "ředitel úřadu"); '' when not needed.
  ALTER TABLE action_items ADD COLUMN responsible_text TEXT NOT NULL DEFAULT '';
  `,
];
