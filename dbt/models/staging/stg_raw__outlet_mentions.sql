with source as (
    select * from {{ source('raw', 'outlet_mentions') }}
),

renamed as (
    select
        doc_id as article_id,
        outlet_id,
        name as outlet_name,
        native_name,
        role,
        evidence,
        method,
        known as is_known,
        start_offset,
        end_offset
    from source
)

select * from renamed
