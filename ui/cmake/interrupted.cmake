# After a crash or a killed sender: the notice naming the campaigns with interrupted messages,
# and the record of how the last console session ended.
target_sources(herald_ui PRIVATE
    sending/SessionMarker.h sending/SessionMarker.cpp
    views/InterruptedNotice.h views/InterruptedNotice.cpp)
