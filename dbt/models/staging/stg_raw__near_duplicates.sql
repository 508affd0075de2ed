with source as (
    select * from {{ source('raw', 'near_duplicates') }}
),

renamed as (
    select
        article_a,
        article_b,
        similarity
    from source
)

select * from renamed
