-- Which version of each file is current: the content first seen most recently at that path.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

sightings as (
    select * from {{ ref('stg_raw__files') }}
),

latest_sighting as (
    select
        sha256,
        row_number() over (
            partition by source_path order by first_seen_at desc, sha256 desc
        ) as recency_rank
    from sightings
),

current_content as (
    select
        sha256,
        bool_or(recency_rank = 1) as is_current_version
    from latest_sighting
    group by sha256
),

final as (
    select
        documents.*,
        coalesce(current_content.is_current_version, true) as is_current_version
    from documents
    left join current_content using (sha256)
)

select * from final
