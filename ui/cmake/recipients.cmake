# The selected campaign's failures (by reason, with ErrorPolicy's words) and recipients (paged
# from the data thread).
target_sources(herald_ui PRIVATE
    views/FailuresView.h views/FailuresView.cpp
    views/RecipientsView.h views/RecipientsView.cpp)
target_sources(herald_ui PRIVATE
    models/FailuresModel.h models/FailuresModel.cpp
    models/RecipientsModel.h models/RecipientsModel.cpp)
