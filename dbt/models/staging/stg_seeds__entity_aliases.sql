with source as (
    select * from {{ ref('entity_aliases') }}
),

renamed as (
    select
        entity_id,
        lang,
        alias
    from source
)

select * from renamed
