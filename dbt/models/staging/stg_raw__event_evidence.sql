with source as (
    select * from {{ source('raw', 'event_evidence') }}
),

renamed as (
    select
        event_id,
        mention_id as event_mention_id,
        doc_id as article_id,
        joined_to_mention_id,
        shared_participants,
        shared_place,
        date_gap_days,
        shared_rare,
        score,
        reason
    from source
)

select * from renamed
