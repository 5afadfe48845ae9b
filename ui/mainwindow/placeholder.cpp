namespace Windsock::Ui {
int placeholder()
{
    return 0;
}
} // namespace Windsock::Ui
