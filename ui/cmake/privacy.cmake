# Personal data: Tools ▸ Erase a Person's Data… and the retention setting applied while the
# console runs (both call core/privacy on the data thread).
target_sources(herald_ui PRIVATE
    privacy/ErasePersonAction.h privacy/ErasePersonAction.cpp
    privacy/RetentionSchedule.h privacy/RetentionSchedule.cpp)
