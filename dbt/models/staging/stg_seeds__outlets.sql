with source as (
    select * from {{ ref('outlets') }}
),

renamed as (
    select
        outlet_id,
        name,
        {{ split_list('native_names') }} as native_names,
        {{ split_list('native_names') }}[1] as native_name,
        {{ split_list('languages') }} as registry_languages,
        nullif(country, '') as country,
        kind,
        nullif(domain, '') as domain
    from source
)

select * from renamed
