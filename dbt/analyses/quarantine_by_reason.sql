-- what was quarantined, and why
select stage, reason, count(*) as files, any_value(source_path) as example
from {{ source('raw', 'quarantine') }} group by all order by files desc
