with source as (
    select * from {{ source('raw', 'quarantine') }}
),

renamed as (
    select
        {{ khabar_key(['source_path', 'sha256', 'stage', 'reason']) }} as quarantine_id,
        source_path,
        sha256,
        stage,
        reason,
        detail,
        run_id,
        quarantined_at
    from source
)

select * from renamed
