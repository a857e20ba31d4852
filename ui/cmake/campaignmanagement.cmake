# Managing campaigns from the console: Duplicate, Edit draft, Delete draft and Add contacts,
# with the wizard preset from a campaign's settings.
target_sources(herald_ui PRIVATE
    wizard/WizardPreset.h wizard/WizardPreset.cpp
    dialogs/EditDraftDialog.h dialogs/EditDraftDialog.cpp
    views/CampaignManagement.h views/CampaignManagement.cpp)
