with source as (
    select * from {{ source('raw', 'entity_mentions') }}
),

renamed as (
    select
        {{ khabar_key(['doc_id', 'entity_id', 'start_offset', 'end_offset']) }} as mention_id,
        doc_id as article_id,
        entity_id,
        canonical_name,
        entity_type,
        surface_form,
        start_offset,
        end_offset,
        method,
        confidence
    from source
)

select * from renamed
