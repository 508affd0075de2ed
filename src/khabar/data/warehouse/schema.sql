-- The raw layer, written only by khabar.warehouse. dbt reads it as sources.
create schema if not exists raw;

create table if not exists raw.runs (
    run_id varchar primary key,
    started_at timestamp,
    finished_at timestamp,
    landing varchar,
    status varchar,
    files_seen integer,
    loaded integer,
    already_loaded integer,
    quarantined integer,
    summary json
);

create table if not exists raw.files (
    source_path varchar not null,
    sha256 varchar not null,
    first_run_id varchar,
    first_seen_at timestamp,
    primary key (source_path, sha256)
);

create table if not exists raw.documents (
    doc_id varchar primary key,
    source_path varchar not null,
    sha256 varchar not null unique,
    n_bytes bigint,
    encoding varchar,
    lang varchar,
    lang_confidence double,
    lang_secondary varchar[],
    published_date date,
    date_text varchar,
    date_calendar varchar,
    date_precision varchar,
    date_method varchar,
    date_confidence double,
    title varchar,
    kicker varchar,
    dateline varchar,
    byline varchar,
    body varchar,
    furniture varchar[],
    text varchar,
    run_id varchar,
    loaded_at timestamp
);

create table if not exists raw.quarantine (
    source_path varchar not null,
    sha256 varchar,
    stage varchar not null,
    reason varchar not null,
    detail varchar,
    run_id varchar,
    quarantined_at timestamp
);

create table if not exists raw.outlet_mentions (
    doc_id varchar not null,
    outlet_id varchar not null,
    name varchar,
    native_name varchar,
    role varchar,
    evidence varchar,
    method varchar,
    known boolean,
    start_offset integer,
    end_offset integer
);

create table if not exists raw.entity_mentions (
    doc_id varchar not null,
    entity_id varchar not null,
    canonical_name varchar,
    entity_type varchar,
    surface_form varchar,
    start_offset integer,
    end_offset integer,
    method varchar,
    confidence double
);

create table if not exists raw.date_mentions (
    doc_id varchar not null,
    value date,
    text varchar,
    start_offset integer,
    end_offset integer,
    sentence_start integer,
    sentence_end integer,
    calendar varchar,
    precision varchar,
    method varchar,
    confidence double
);

create table if not exists raw.event_mentions (
    mention_id varchar primary key,
    doc_id varchar not null,
    event_type varchar,
    cameo_root varchar,
    trigger varchar,
    trigger_start integer,
    sentence varchar,
    participants struct(entity_id varchar, role varchar)[],
    location_entity_id varchar,
    event_date date,
    date_source varchar,
    relative_words varchar[]
);

-- Derived over all mentions at the end of each run (replaced whole, deterministically).
create table if not exists raw.events (
    event_id varchar primary key,
    event_type varchar,
    event_date date,
    location_entity_id varchar,
    participants struct(entity_id varchar, role varchar)[]
);

create table if not exists raw.event_members (
    event_id varchar not null,
    mention_id varchar not null,
    doc_id varchar not null
);

create table if not exists raw.event_evidence (
    event_id varchar not null,
    mention_id varchar not null,
    doc_id varchar not null,
    joined_to_mention_id varchar,
    shared_participants varchar[],
    shared_place varchar,
    date_gap_days integer,
    shared_rare varchar[],
    score double,
    reason varchar
);

create table if not exists raw.near_duplicates (
    article_a varchar not null,
    article_b varchar not null,
    similarity double
);
