with source as (
    select * from {{ ref('entities') }}
),

renamed as (
    select
        entity_id,
        canonical_name,
        entity_type,
        nullif(wikidata_id, '') as wikidata_id
    from source
)

select * from renamed
