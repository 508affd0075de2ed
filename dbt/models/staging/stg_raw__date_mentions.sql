with source as (
    select * from {{ source('raw', 'date_mentions') }}
),

renamed as (
    select
        {{ khabar_key(['doc_id', 'start_offset', 'end_offset']) }} as date_mention_id,
        doc_id as article_id,
        value as mentioned_date,
        text as surface_form,
        start_offset,
        end_offset,
        sentence_start,
        sentence_end,
        calendar,
        precision,
        method,
        confidence
    from source
)

select * from renamed
