with source as (
    select * from {{ source('raw', 'event_mentions') }}
),

renamed as (
    select
        mention_id as event_mention_id,
        doc_id as article_id,
        event_type,
        cameo_root,
        trigger,
        trigger_start,
        sentence,
        participants,
        location_entity_id,
        event_date,
        date_source,
        relative_words
    from source
)

select * from renamed
