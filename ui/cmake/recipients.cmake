# The selected campaign's failures (by reason, with ErrorPolicy's words), recipients (paged
# from the data thread) and, for a pool of numbers, each number's share.
target_sources(herald_ui PRIVATE
    views/FailuresView.h views/FailuresView.cpp
    views/RecipientsView.h views/RecipientsView.cpp
    views/PoolNumbersView.h views/PoolNumbersView.cpp)
target_sources(herald_ui PRIVATE
    models/FailuresModel.h models/FailuresModel.cpp
    models/RecipientsModel.h models/RecipientsModel.cpp
    models/PoolNumbersModel.h models/PoolNumbersModel.cpp)
