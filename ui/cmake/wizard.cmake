# The new-campaign wizard: contacts, phone numbers, message with its live preview, review with
# the import into a draft, the token and number check and a test send.
target_sources(herald_ui PRIVATE
    wizard/WizardState.h wizard/WizardState.cpp
    wizard/FileLookReader.h wizard/FileLookReader.cpp
    wizard/FilePreviewModel.h wizard/FilePreviewModel.cpp
    wizard/NumberSampleModel.h wizard/NumberSampleModel.cpp
    wizard/ContactsPage.h wizard/ContactsPage.cpp
    wizard/PhonePage.h wizard/PhonePage.cpp
    wizard/MessagePreview.h wizard/MessagePreview.cpp
    wizard/MessagePage.h wizard/MessagePage.cpp
    wizard/ApiCall.h wizard/ApiCall.cpp
    wizard/WizardImport.h wizard/WizardImport.cpp
    wizard/ScheduleSection.h wizard/ScheduleSection.cpp
    wizard/QuietHoursSection.h wizard/QuietHoursSection.cpp
    wizard/CostSection.h wizard/CostSection.cpp
    wizard/SendFromSection.h wizard/SendFromSection.cpp
    wizard/FrequencyCapSection.h wizard/FrequencyCapSection.cpp
    wizard/ReviewPage.h wizard/ReviewPage.cpp
    wizard/NewCampaignWizard.h wizard/NewCampaignWizard.cpp
    wizard/WizardLauncher.h wizard/WizardLauncher.cpp)
