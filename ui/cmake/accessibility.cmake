# Accessibility and the keyboard: every action's tooltip shows its shortcut.
target_sources(herald_ui PRIVATE
    widgets/ShortcutTips.h widgets/ShortcutTips.cpp)
# Tab order as the layout reads, for pages whose widgets are made in another order.
target_sources(herald_ui PRIVATE
    widgets/TabOrder.h widgets/TabOrder.cpp)
# Columns no narrower than their translated titles after a language change.
target_sources(herald_ui PRIVATE
    widgets/HeaderFit.h widgets/HeaderFit.cpp)
