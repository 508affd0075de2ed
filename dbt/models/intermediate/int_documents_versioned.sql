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
        source_path,
        first_seen_at,
        row_number() over (
            partition by source_path order by first_seen_at desc, sha256 desc
        ) as recency_rank
    from sightings
),

final as (
    select
        documents.*,
        coalesce(bool_or(latest_sighting.recency_rank = 1), true) as is_current_version
    from documents
    left join latest_sighting
        on latest_sighting.sha256 = documents.sha256
    group by all
)

select * from final
