# Rate cards in Settings and the cost estimate on the campaign (core/pricing does the work).
target_sources(herald_ui PRIVATE
    widgets/MoneyText.h widgets/MoneyText.cpp
    widgets/CountryNames.h widgets/CountryNames.cpp
    settings/RateCardTableModel.h settings/RateCardTableModel.cpp
    settings/RateCardPricesModel.h settings/RateCardPricesModel.cpp
    settings/RateCardDialog.h settings/RateCardDialog.cpp
    settings/RateCardSection.h settings/RateCardSection.cpp
    views/CostCountryModel.h views/CostCountryModel.cpp
    views/CostEstimatePanel.h views/CostEstimatePanel.cpp)
