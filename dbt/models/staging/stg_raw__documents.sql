with source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        doc_id as article_id,
        source_path,
        sha256,
        n_bytes,
        encoding,
        lang,
        lang_confidence,
        lang_secondary as secondary_langs,
        published_date,
        date_text as published_date_text,
        date_calendar as published_date_calendar,
        date_precision as published_date_precision,
        date_method as published_date_method,
        date_confidence as published_date_confidence,
        nullif(trim(title), '') as title,
        kicker,
        dateline,
        byline,
        body,
        furniture,
        text,
        length(text) as n_chars,
        run_id,
        loaded_at
    from source
)

select * from renamed
