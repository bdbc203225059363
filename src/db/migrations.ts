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
];
