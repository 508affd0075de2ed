"""khabar's Prefect flows: the order of stages, retries and schedules. The work is in ``khabar``."""
