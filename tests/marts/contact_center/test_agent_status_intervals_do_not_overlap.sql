-- An agent's status intervals never overlap: each starts at or after the end
-- of the agent's previous one, and only the agent's last interval may be open.
with

intervals as (

    select * from {{ ref('fct_agent_status_intervals') }}

),

sequenced as (

    select
        agent_status_interval_id,
        agent_arn,
        started_at,
        ended_at,
        lag(ended_at) over (
            partition by agent_arn
            order by started_at asc, agent_status_interval_id asc
        ) as previous_ended_at,
        lag(agent_status_interval_id) over (
            partition by agent_arn
            order by started_at asc, agent_status_interval_id asc
        ) as previous_interval_id

    from intervals

)

select *
from sequenced
where
    previous_interval_id is not null
    and (previous_ended_at is null or previous_ended_at > started_at)
