with evidence as (
    select * from {{ ref('stg_raw__event_evidence') }}
),

final as (
    select
        {{ khabar_key(['event_id', 'event_mention_id']) }} as evidence_id,
        event_id,
        event_mention_id,
        article_id,
        joined_to_mention_id,
        shared_participants,
        shared_place,
        date_gap_days,
        shared_rare,
        score,
        reason
    from evidence
)

select * from final
