#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace Windsock::Ui::StateColors {

// The text colour for a DAG-run or task state, readable on the palette's base colour (darker shades on a
// light palette, lighter ones on a dark palette): success green, failed red, running light green, queued
// grey. Invalid when the state has no colour of its own (the view's text colour is right for it).
QColor forRunState(const QString &state, const QPalette &palette);

// Green for a healthy component, red for anything else it reports; grey when it reports no status.
QColor forHealthStatus(const QString &status, const QPalette &palette);

// Whether the palette has a dark background (a dark desktop theme).
bool isDark(const QPalette &palette);

} // namespace Windsock::Ui::StateColors
