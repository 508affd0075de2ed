with source as (
    select * from {{ source('raw', 'files') }}
),

renamed as (
    select
        source_path,
        sha256,
        first_run_id,
        first_seen_at
    from source
)

select * from renamed
